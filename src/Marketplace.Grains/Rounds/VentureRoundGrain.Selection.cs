using System.Collections.Immutable;
using Marketplace.Calendar;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Persistence;

namespace Marketplace.Rounds;

/// <summary>
/// 择优立项, 立项公示 with objections, and the contracts. The selection is always recomputed from the frozen
/// totals, the adjustments and the withdrawn projects (<see cref="RoundSelection"/>), so an upheld objection
/// or a declined amount moves the money on without any bookkeeping of its own.
/// </summary>
public sealed partial class VentureRoundGrain
{
    private SelectionResult Selection() => RoundSelection.Select(
        [.. ScreenedIn.Where(a => S.Totals.ContainsKey(a.Id))
            .Select(a => new SelectionCandidate(a.Id, S.Totals[a.Id], a.Proposal.Request, a.Proposal.StreetId, a.SubmittedAt))],
        Pools, Settings.MinScore, S.Adjustments, S.Withdrawn);

    public async Task<Outcome<SelectionResult>> SelectAsync(RoundOrganizer organizer, string user)
    {
        if (!IsOrganizer(organizer))
        {
            return Outcome<SelectionResult>.Fail("", Missing);
        }
        if (S.Status != RoundStatus.Review)
        {
            return Outcome<SelectionResult>.Fail("", S.Status is RoundStatus.Selection or RoundStatus.Publicity or RoundStatus.Contracts ? "已进入择优立项" : "请先完成专家评审");
        }
        var totals = PanelTotals();
        if (!totals.Succeeded)
        {
            return Outcome<SelectionResult>.Fail(totals.Errors);
        }
        await CommitAsync(S with { Totals = totals.Value!, Status = RoundStatus.Selection, Version = S.Version + 1 });
        return Outcome<SelectionResult>.Ok(Selection());
    }

    public async Task<Outcome<SelectionResult>> AdjustAsync(RoundOrganizer organizer, Guid applicationId, Money amount, string reason, string user)
    {
        if (!IsOrganizer(organizer))
        {
            return Outcome<SelectionResult>.Fail("", Missing);
        }
        if (S.Status != RoundStatus.Selection)
        {
            return Outcome<SelectionResult>.Fail("", "只能在择优立项阶段调整资助金额");
        }
        if (ScreenedIn.FirstOrDefault(a => a.Id == applicationId) is not { } application || !S.Totals.ContainsKey(applicationId))
        {
            return Outcome<SelectionResult>.Fail("", "申报项目不存在");
        }
        if (S.Totals[applicationId] < Settings.MinScore)
        {
            return Outcome<SelectionResult>.Fail("", $"该项目得分低于最低分{Settings.MinScore:0.##}分，不予资助");
        }
        if (S.Adjustments.GetValueOrDefault(applicationId) is { Response: AdjustmentResponse.Declined })
        {
            return Outcome<SelectionResult>.Fail("", "该组织已放弃调整后的金额");
        }
        var errors = RoundSelection.ValidateAdjustment(application.Proposal.Request, amount, reason);
        if (!errors.IsEmpty)
        {
            return Outcome<SelectionResult>.Fail(errors);
        }
        var adjustment = new AmountAdjustment(amount, reason.Trim(), AdjustmentResponse.Pending);
        await CommitAsync(NotifyAdjusted(S with { Adjustments = S.Adjustments.SetItem(applicationId, adjustment), Version = S.Version + 1 }, applicationId, adjustment));
        return Outcome<SelectionResult>.Ok(Selection());
    }

    public async Task<Outcome> RespondAdjustmentAsync(string uscc, Guid applicationId, bool accept, string user)
    {
        var key = Uscc.Normalise(uscc);
        if (S.Applications.FirstOrDefault(a => a.Id == applicationId && a.Uscc == key) is null)
        {
            return Outcome.Fail("", "申报项目不存在");
        }
        if (S.Status != RoundStatus.Selection || S.Adjustments.GetValueOrDefault(applicationId) is not { Response: AdjustmentResponse.Pending } pending)
        {
            return Outcome.Fail("", "没有待确认的调整金额");
        }
        var answered = pending with { Response = accept ? AdjustmentResponse.Accepted : AdjustmentResponse.Declined };
        await CommitAsync(S with { Adjustments = S.Adjustments.SetItem(applicationId, answered), Version = S.Version + 1 });
        return Outcome.Ok;
    }

    public async Task<Outcome<RoundInfo>> PublishSelectionAsync(RoundOrganizer organizer, string user)
    {
        if (Refuse(organizer, S.Version) is { } refused)
        {
            return refused;
        }
        if (S.Status != RoundStatus.Selection)
        {
            return Outcome<RoundInfo>.Fail("", "请先完成择优立项");
        }
        var selection = Selection();
        var pending = selection.Lines.Where(l => l.Status == SelectionStatus.Funded && l.Adjustment is { Response: AdjustmentResponse.Pending }).ToList();
        if (pending.Count > 0)
        {
            return Outcome<RoundInfo>.Fail("", "尚有社会组织未确认调整后的资助金额，确认后才能立项公示");
        }
        var period = await GrainFactory.GetGrain<IDistrictCalendarGrain>(S.Organizer.DistrictId).PublicityPeriodAsync(Now);
        // Staged before the commit: the end of 公示 is stored in the same transaction as its start (docs/decisions/0011).
        await timers.SchedulePublicityEndAsync(Id, period.EndsAt);
        return await CommitAsync(NotifySelection(S with { Status = RoundStatus.Publicity, Publicity = period, Version = S.Version + 1 }, selection, period.EndsAt));
    }

    public async Task<Outcome> ObjectAsync(string uscc, Guid applicationId, string text, string user)
    {
        if (S.Status != RoundStatus.Publicity || Now >= S.Publicity!.EndsAt)
        {
            return Outcome.Fail("", "不在立项公示期内");
        }
        if (!Selection().Lines.Any(l => l.ApplicationId == applicationId && l.Status == SelectionStatus.Funded))
        {
            return Outcome.Fail("", "只能对公示的拟资助项目提出异议");
        }
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length < 10)
        {
            return Outcome.Fail("Text", "请写明异议的事实和理由（不少于10字）");
        }
        var objection = new RoundObjection(S.Objections.Length + 1, applicationId, Uscc.Normalise(uscc), text.Trim(), Now, null, null);
        await state.CommitAsync(S with { Objections = S.Objections.Add(objection) });
        return Outcome.Ok;
    }

    public async Task<Outcome> DecideObjectionAsync(RoundOrganizer organizer, int objectionNo, bool upheld, string answer, string user)
    {
        if (!IsOrganizer(organizer))
        {
            return Outcome.Fail("", Missing);
        }
        if (S.Status != RoundStatus.Publicity || objectionNo < 1 || objectionNo > S.Objections.Length)
        {
            return Outcome.Fail("", "异议不存在");
        }
        var o = S.Objections[objectionNo - 1];
        if (o.Upheld is not null)
        {
            return Outcome.Fail("", "该异议已答复");
        }
        if (string.IsNullOrWhiteSpace(answer))
        {
            return Outcome.Fail("Answer", "请填写答复意见");
        }
        var next = S with { Objections = S.Objections.SetItem(objectionNo - 1, o with { Upheld = upheld, Answer = answer.Trim() }), Version = S.Version + 1 };
        if (upheld)
        {
            next = next with { Withdrawn = next.Withdrawn.Add(o.ApplicationId) };
        }
        await CommitAsync(NotifyObjectionAnswered(next, o, upheld, answer.Trim()));
        // The last answer after the period is over ends 公示 at once, as for tenders (the timer found it open).
        if (PublicityDue)
        {
            await EndPublicityCoreAsync(user);
        }
        return Outcome.Ok;
    }

    public async Task<Outcome<RoundInfo>> EndPublicityAsync(RoundOrganizer organizer, string user)
    {
        if (Refuse(organizer, S.Version) is { } refused)
        {
            return refused;
        }
        if (S.Status != RoundStatus.Publicity)
        {
            return Outcome<RoundInfo>.Fail("", "不在立项公示期内");
        }
        if (Now < S.Publicity!.EndsAt)
        {
            return Outcome<RoundInfo>.Fail("", $"立项公示期至 {ChinaTime.Minutes(S.Publicity.EndsAt)} 结束");
        }
        if (S.Objections.Any(o => o.Upheld is null))
        {
            return Outcome<RoundInfo>.Fail("", "尚有异议未答复");
        }
        return await EndPublicityCoreAsync(user);
    }

    public async Task<Outcome<RoundInfo>> EndPublicityIfDueAsync()
    {
        if (!S.Created)
        {
            return Outcome<RoundInfo>.Fail("", Missing);
        }
        if (PublicityDue)
        {
            return await EndPublicityCoreAsync(TimedWorkUser);
        }
        // Ended by a run that stopped before its contracts were drafted: this run drafts the rest.
        if (S.Status == RoundStatus.Contracts && S.Publicity is not null && ContractsMissing)
        {
            await CreateContractsCoreAsync(DefaultTermStart, DefaultTermEnd, TimedWorkUser);
        }
        // Early, or an objection still unanswered (then the last answer ends it): nothing to do.
        return Outcome<RoundInfo>.Ok(Info());
    }

    /// <summary>Who the timed end of 公示 is recorded as in the ledger.</summary>
    private const string TimedWorkUser = "系统（立项公示期满）";

    private bool PublicityDue => S.Status == RoundStatus.Publicity && Now >= S.Publicity!.EndsAt && S.Objections.All(o => o.Upheld is not null);

    /// <summary>
    /// Fixes the funded set and frees the leftover; the ledger keys are per round and street, so a repeat after a crash posts nothing twice.
    /// Then each funded project becomes a draft contract (issue 13 item 5: "each funded project becomes a contract"), for a term of a
    /// year from the day 公示 ends; a contract that cannot be drafted now is left to the organizer's 生成资助项目合同 or the next run.
    /// </summary>
    private async Task<Outcome<RoundInfo>> EndPublicityCoreAsync(string user)
    {
        var final = Selection();
        await ReleaseLeftoverAsync(final, user);
        // Each funded project's contract is due within the round's signing days; staged right before the commit
        // so the deadlines are stored with the funded set (docs/decisions/0011).
        var signingDue = Now.AddDays(Settings.SigningDaysOrDefault);
        foreach (var line in final.Lines.Where(l => l.Status == SelectionStatus.Funded))
        {
            await timers.ScheduleSigningDueAsync(Id, line.ApplicationId, signingDue);
        }
        await CommitAsync(NotifyPublicityEnded(S with { Status = RoundStatus.Contracts, Final = final, SigningDueAt = signingDue, Version = S.Version + 1 },
            final, signingDue));
        await CreateContractsCoreAsync(DefaultTermStart, DefaultTermEnd, user);
        return Outcome<RoundInfo>.Ok(Info());
    }

    /// <summary>The term a contract drafted at the end of 公示 gets: one year from today (the organizer may re-draft through the contract pages).</summary>
    private DateOnly DefaultTermStart => ChinaTime.Day(Now);

    private DateOnly DefaultTermEnd => ContractTerm.LastDay(DefaultTermStart, 1);

    private IEnumerable<SelectionLine> FundedWithoutContract => S.Final?.Lines
        .Where(l => l.Status == SelectionStatus.Funded && !S.Contracts.Contains(l.ApplicationId) && !S.Unsigned.Contains(l.ApplicationId)) ?? [];

    private bool ContractsMissing => FundedWithoutContract.Any();

    public async Task<Outcome<ImmutableArray<Guid>>> CreateContractsAsync(RoundOrganizer organizer, DateOnly termStart, DateOnly termEnd, string user)
    {
        if (!IsOrganizer(organizer))
        {
            return Outcome<ImmutableArray<Guid>>.Fail("", Missing);
        }
        if (S.Status != RoundStatus.Contracts || S.Final is null)
        {
            return Outcome<ImmutableArray<Guid>>.Fail("", "立项公示结束后才能生成合同");
        }
        return await CreateContractsCoreAsync(termStart, termEnd, user);
    }

    private async Task<Outcome<ImmutableArray<Guid>>> CreateContractsCoreAsync(DateOnly termStart, DateOnly termEnd, string user)
    {
        var created = S.Contracts;
        foreach (var line in FundedWithoutContract.ToList())
        {
            var street = S.Applications.Single(a => a.Id == line.ApplicationId).Proposal.StreetId;
            // 评估兑现: 60% on signing, 40% after a passed final evaluation (the round's default schedule).
            var draft = new ContractDraft(street, termStart, termEnd, null,
                [new(TrancheGate.Signing, 60m), new(TrancheGate.Final, 40m)], [], RoundId: Id);
            var outcome = await GrainFactory.GetGrain<IContractGrain>(line.ApplicationId).CreateFromAwardAsync(draft, user);
            if (!outcome.Succeeded)
            {
                if (created.Count > S.Contracts.Count)
                {
                    await CommitAsync(S with { Contracts = created, Version = S.Version + 1 });
                }
                return Outcome<ImmutableArray<Guid>>.Fail(outcome.Errors);
            }
            created = created.Add(line.ApplicationId);
        }
        await CommitAsync(S with { Contracts = created, Version = S.Version + 1 });
        return Outcome<ImmutableArray<Guid>>.Ok([.. created]);
    }

    public Task<RoundContractSource?> GetContractSourceAsync(Guid applicationId)
    {
        if (S.Status != RoundStatus.Contracts || S.Unsigned.Contains(applicationId)
            || S.Final?.Lines.FirstOrDefault(l => l.ApplicationId == applicationId && l.Status == SelectionStatus.Funded) is not { } line)
        {
            return Task.FromResult<RoundContractSource?>(null);
        }
        var a = S.Applications.Single(x => x.Id == applicationId);
        var content = $"{Settings.Title}：{a.Proposal.Title}（{a.Proposal.Category}）。服务对象：{a.Proposal.TargetBeneficiaries}，受益人数 {a.Proposal.Beneficiaries} 人";
        return Task.FromResult<RoundContractSource?>(new RoundContractSource(Id, a.Proposal.StreetId, S.Organizer.DistrictId, Settings.ServiceYear,
            a.Proposal.Title, content, a.Proposal.Outcomes, a.Uscc, a.OrganizationName, line.Amount!.Value, Settings.Source, Settings.ServiceAreaCode,
            [.. S.Applications.Select(x => x.Uscc).Where(u => u != a.Uscc).Distinct()]));
    }

    public Task<RoundPublicView?> GetPublicAsync()
    {
        if (!S.Created || S.Status == RoundStatus.Draft)
        {
            return Task.FromResult<RoundPublicView?>(null);
        }
        var shown = S.Status switch
        {
            RoundStatus.Publicity => Selection(),
            RoundStatus.Contracts => S.Final,
            _ => null,
        };
        var byId = S.Applications.ToDictionary(a => a.Id);
        ImmutableArray<FundedProject> funded = shown is null ? [] : [.. shown.Lines.Where(l => l.Status == SelectionStatus.Funded).Select(l =>
            new FundedProject(l.ApplicationId, byId[l.ApplicationId].Proposal.Title, byId[l.ApplicationId].Proposal.Category, byId[l.ApplicationId].OrganizationName,
                byId[l.ApplicationId].Uscc, l.Amount!.Value, l.Score, l.Rank, byId[l.ApplicationId].Proposal.StreetId, l.Adjustment?.Reason))];
        // A recorded round (创投补录) has no drawn panel here: its 公示 names the experts its records name.
        ImmutableArray<string> experts = shown is null ? [] : S.Panel is null ? S.RecordedExperts : [.. S.Panel.Sitting.Select(m => m.Name)];
        return Task.FromResult<RoundPublicView?>(new RoundPublicView(Info(), funded, experts, shown?.Leftover));
    }
}
