using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Contracts;

public sealed class ContractRatingsGrain(
    [PersistentState("contractRatings", StorageNames.Marketplace)] IPersistentState<ContractRatingsState> state,
    TimeProvider clock) : Grain, IContractRatingsGrain
{
    private const string NotFound = "合同不存在";
    private const string NoPeriod = "该合同目前没有进行中的评估期，暂不接受评价";
    private const string BadCode = "验证码不正确或已过期，请重新获取";

    private ContractRatingsState S => state.State;
    private Guid Id => this.GetPrimaryKey();
    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task<Outcome<string>> RequestCodeAsync(string phone)
    {
        var open = await PeriodAsync();
        if (!open.Succeeded)
        {
            return open;
        }
        var period = open.Value!;
        if (ResidentRatings.NormalisePhone(phone) is not { } number)
        {
            return Outcome<string>.Fail("Phone", "请填写11位手机号码");
        }
        var key = ResidentRatings.PhoneKey(Id, number);
        if (Rated(key, period))
        {
            return Outcome<string>.Fail("", ResidentRatings.AlreadyRated);
        }
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var pending = new RatingCode(key, period, ResidentRatings.CodeHash(key, code), Now.AddMinutes(ResidentRatings.CodeMinutes), 0);
        // A new code replaces the phone's earlier one; expired codes are dropped on the way.
        await state.CommitAsync(S with { Codes = S.Codes.RemoveAll(c => c.PhoneKey == key || c.ExpiresAt <= Now).Add(pending) });
        return Outcome<string>.Ok(code);
    }

    public async Task<Outcome<ResidentRating>> RateAsync(string phone, string code, int stars, string? comment)
    {
        var open = await PeriodAsync();
        if (!open.Succeeded)
        {
            return Outcome<ResidentRating>.Fail(open.Errors);
        }
        var period = open.Value!;
        if (ResidentRatings.NormalisePhone(phone) is not { } number)
        {
            return Outcome<ResidentRating>.Fail("Phone", "请填写11位手机号码");
        }
        var key = ResidentRatings.PhoneKey(Id, number);
        if (Rated(key, period))
        {
            return Outcome<ResidentRating>.Fail("", ResidentRatings.AlreadyRated); // the first rating stands, nothing replaced
        }
        var errors = ResidentRatings.Validate(stars, comment);
        if (!errors.IsEmpty)
        {
            return Outcome<ResidentRating>.Fail(errors);
        }
        var pending = S.Codes.FirstOrDefault(c => c.PhoneKey == key && c.Period == period && c.ExpiresAt > Now && c.Attempts < ResidentRatings.CodeAttempts);
        if (pending is null)
        {
            return Outcome<ResidentRating>.Fail("Code", BadCode);
        }
        if (pending.CodeHash != ResidentRatings.CodeHash(key, (code ?? "").Trim()))
        {
            // Counted, so a code cannot be guessed: after five wrong tries it is void.
            await state.CommitAsync(S with { Codes = S.Codes.Replace(pending, pending with { Attempts = pending.Attempts + 1 }) });
            return Outcome<ResidentRating>.Fail("Code", BadCode);
        }
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var rating = new ResidentRating(Guid.CreateVersion7(Now), period, key, ResidentRatings.Mask(number), stars, text,
            text is null ? RatingModeration.NoComment : RatingModeration.Pending, Now, null);
        await state.CommitAsync(S with { Ratings = S.Ratings.Add(rating), Codes = S.Codes.Remove(pending) });
        return Outcome<ResidentRating>.Ok(rating);
    }

    public Task<RatingSummary> SummaryAsync(string period)
    {
        var stars = S.Ratings.Where(r => r.Period == period).Select(r => r.Stars).ToList();
        var mean = stars.Count == 0 ? (decimal?)null : decimal.Round((decimal)stars.Sum() / stars.Count, 2, MidpointRounding.AwayFromZero);
        return Task.FromResult(new RatingSummary(period, stars.Count, mean, ResidentRatings.Score(stars)));
    }

    public Task<ImmutableArray<ResidentRating>> PublishedAsync() =>
        Task.FromResult(S.Ratings.Where(r => r.Moderation == RatingModeration.Published).OrderByDescending(r => r.At).ToImmutableArray());

    public async Task<ImmutableArray<ResidentRating>?> ForStreetAsync(long streetId) =>
        (await ContractAsync())?.StreetId == streetId ? S.Ratings : null;

    public async Task<Outcome> ModerateAsync(long streetId, Guid ratingId, bool publish, string user)
    {
        if ((await ContractAsync())?.StreetId != streetId)
        {
            return Outcome.Fail("", NotFound);
        }
        if (S.Ratings.FirstOrDefault(r => r.Id == ratingId) is not { } rating)
        {
            return Outcome.Fail("", "评价不存在");
        }
        if (rating.Moderation != RatingModeration.Pending)
        {
            return Outcome.Fail("", "该留言已审核");
        }
        var moderated = rating with { Moderation = publish ? RatingModeration.Published : RatingModeration.Rejected, ModeratedBy = user };
        await state.CommitAsync(S with { Ratings = S.Ratings.Replace(rating, moderated) });
        return Outcome.Ok;
    }

    private bool Rated(string phoneKey, string period) => S.Ratings.Any(r => r.PhoneKey == phoneKey && r.Period == period);

    private Task<ContractState?> ContractAsync() => GrainFactory.GetGrain<IContractGrain>(Id).GetAsync();

    /// <summary>The open evaluation period of a signed contract; a draft (not public) is not found.</summary>
    private async Task<Outcome<string>> PeriodAsync()
    {
        var contract = await ContractAsync();
        if (contract is null || contract.Status == ContractStatus.Drafted)
        {
            return Outcome<string>.Fail("", NotFound);
        }
        return contract.OpenEvaluation() is { } open ? Outcome<string>.Ok(open.Period()) : Outcome<string>.Fail("", NoPeriod);
    }
}
