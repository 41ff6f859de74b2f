using Marketplace.Domain;

namespace Marketplace.Organizations;

/// <summary>
/// The check tenders and 公益创投 rounds make before accepting an application or awarding: is the
/// organization in the directory (已入库), free of active negative entries, of an allowed provider type,
/// and with at least the required number of certified social workers? Failures carry Chinese reasons.
/// </summary>
public interface IOrganizationEligibility
{
    Task<Outcome> CheckAsync(string uscc, IReadOnlyCollection<ProviderType> providerTypes, int minCertifiedSocialWorkers, DateTimeOffset at);
}

/// <summary>Asks the organization's grain, the one place the status and negative entries live.</summary>
public sealed class OrganizationEligibility(IGrainFactory grains) : IOrganizationEligibility
{
    public Task<Outcome> CheckAsync(string uscc, IReadOnlyCollection<ProviderType> providerTypes, int minCertifiedSocialWorkers, DateTimeOffset at)
    {
        var key = Uscc.Normalise(uscc);
        if (Uscc.FormatError(key) is { } error)
        {
            return Task.FromResult(Outcome.Fail("", error));
        }
        return grains.GetGrain<IOrganizationGrain>(key).CheckEligibilityAsync([.. providerTypes], minCertifiedSocialWorkers, at);
    }
}
