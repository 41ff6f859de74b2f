using System.Collections.Immutable;
using Marketplace.Domain;
using Orleans.Concurrency;

namespace Marketplace.Contracts;

/// <summary>
/// Residents' ratings (群众评) of one contract (key: the contract id): verification codes, one rating per phone per
/// evaluation period, moderation of comments by the contract's street. The contract asks it for the period's
/// score when it decides an evaluation.
/// </summary>
[Alias("marketplace.IContractRatingsGrain")]
public interface IContractRatingsGrain : IGrainWithGuidKey
{
    /// <summary>A new verification code for the phone in the open period (returned for the sender, stored only as a hash).</summary>
    [Alias("RequestCode")] Task<Outcome<string>> RequestCodeAsync(string phone);

    [Alias("Rate")] Task<Outcome<ResidentRating>> RateAsync(string phone, string code, int stars, string? comment);

    /// <summary>A read of the state only; interleaves so the contract can ask while a rating waits on the contract.</summary>
    [AlwaysInterleave, Alias("Summary")] Task<RatingSummary> SummaryAsync(string period);

    /// <summary>Comments the street published, newest first (no phone).</summary>
    [AlwaysInterleave, Alias("Published")] Task<ImmutableArray<ResidentRating>> PublishedAsync();

    /// <summary>Every rating, for the contract's street to moderate; another street's gets nothing.</summary>
    [Alias("ForStreet")] Task<ImmutableArray<ResidentRating>?> ForStreetAsync(long streetId);

    [Alias("Moderate")] Task<Outcome> ModerateAsync(long streetId, Guid ratingId, bool publish, string user);
}
