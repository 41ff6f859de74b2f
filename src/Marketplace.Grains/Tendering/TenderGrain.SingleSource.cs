using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Persistence;

namespace Marketplace.Tendering;

/// <summary>
/// The single-source follow-up of a failed purchase (单一来源采购). 87号令 Art.43: when fewer suppliers than
/// required take part, the purchaser re-runs the purchase or, where the law allows, switches method;
/// 财政部74号令 Art.38–39: a single-source purchase is publicised with the supplier and the reason before
/// it is concluded, and anyone may raise an objection during that 公示 (Art.40).
/// </summary>
public sealed partial class TenderGrain
{
    public async Task<Outcome<TenderInfo>> SwitchToSingleSourceAsync(string uscc, Money price, string reason, string user)
    {
        if (!S.Created)
        {
            return Outcome<TenderInfo>.Fail("", Missing);
        }
        // One follow-up per failed purchase: either a re-run or a single-source switch, never both.
        if (S.SingleSource is not null)
        {
            return Outcome<TenderInfo>.Fail("", "该项目已转为单一来源采购");
        }
        if (S.RerunAs is not null)
        {
            return Outcome<TenderInfo>.Fail("", "该项目已重新采购，不能再转为单一来源采购");
        }
        if (S.Status != TenderStatus.Failed || !TenderRules.CanMove(S.Status, TenderStatus.Publicity))
        {
            return Outcome<TenderInfo>.Fail("", "只有采购失败的项目可以转为单一来源采购");
        }
        var notice = S.Notice!;
        var errors = SingleSourceRules.Validate(uscc, price, notice.Ceiling, reason);
        if (!errors.IsEmpty)
        {
            return Outcome<TenderInfo>.Fail(errors);
        }
        var key = Uscc.Normalise(uscc);
        // The single supplier must meet the notice's conditions like any applicant (SPEC §3.2: 已入库, no
        // active negative entry, provider type, certified social workers).
        if (await IneligibleReasonAsync(key, notice.Eligibility) is { } ineligible)
        {
            return Outcome<TenderInfo>.Fail("Uscc", ineligible);
        }
        var organization = await GrainFactory.GetGrain<IOrganizationGrain>(key).GetAsync();
        if (organization?.Profile is not { } profile)
        {
            return Outcome<TenderInfo>.Fail("Uscc", "该组织尚未登记进入社会组织目录");
        }
        // The failure released the notice's money; the negotiated price is held anew, in the notice's proportions.
        var money = await EncumberAsync(notice, price, $"tender:{Id:N}:single-source", $"“{notice.Title}”转为单一来源采购，按成交价格占用预算", user);
        if (!money.IsEmpty)
        {
            return Outcome<TenderInfo>.Fail(money);
        }
        var now = Now;
        var period = await PublicityPeriodAsync(now);
        var ends = period.EndsAt;
        var record = new SingleSourceRecord(key, profile.Name, price, reason.Trim(), user, now);
        // No competition, so no score: the award carries the negotiated price and a total of 0.
        var award = new TenderAward(key, profile.Name, price, 0m, null, now, ends, user, period.WorkingDays);
        var next = S with { Status = TenderStatus.Publicity, SingleSource = record, Award = award, Version = S.Version + 1 };
        // Every organization of the district hears of it: any of them may object during the 公示 (74号令 Art.40).
        next = Notify(next, S.Active.Select(a => Recipient.Organization(a.Uscc)).Prepend(Recipient.Organization(key)).Prepend(Recipient.Street(S.StreetId)).Append(Recipient.DistrictOrganizations(S.DistrictId)),
            $"“{notice.Title}”转为单一来源采购，拟由{profile.Name}承接，成交价格{price}。公示期{period.WorkingDays}个工作日，至{period.LastDay:yyyy-MM-dd}止，公示期内可提出质疑");
        await timers.ScheduleAsync(ITenderTimers.PublicityEndKind, Id, ends); // staged: stored with the state below
        await state.CommitAsync(next);
        return Outcome<TenderInfo>.Ok(Info());
    }

    /// <summary>
    /// Who may object to a single-source 公示. 74号令 Art.40 lets any supplier, unit or person object, so no
    /// applicant status nor eligibility is asked; the platform takes objections from organizations
    /// registered in this district's directory (any directory status), so every objection has a known sender
    /// the street can answer.
    /// </summary>
    private async Task<string?> SingleSourceObjectionRefusalAsync(string uscc)
    {
        var key = Uscc.Normalise(uscc);
        var organization = Uscc.FormatError(key) is null ? await GrainFactory.GetGrain<IOrganizationGrain>(key).GetAsync() : null;
        return organization?.Profile?.DistrictId == S.DistrictId ? null : "只有本区社会组织目录中的组织可以对单一来源采购提出质疑";
    }
}
