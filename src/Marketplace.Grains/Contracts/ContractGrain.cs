using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Persistence;
using Marketplace.Tendering;

namespace Marketplace.Contracts;

public sealed partial class ContractGrain(
    [PersistentState("contract", StorageNames.Marketplace)] IPersistentState<ContractState> state,
    IContractTimers timers,
    TimeProvider clock) : Grain, IContractGrain
{
    private const string NotFound = "合同不存在";
    private const string Stale = "合同已被他人修改，请刷新页面后重试";

    private ContractState S => state.State;
    private Guid Id => this.GetPrimaryKey();
    private DateTimeOffset Now => clock.GetUtcNow();
    private DateOnly Today => ChinaTime.Day(Now);

    public Task<ContractState?> GetAsync() => Task.FromResult(S.Created ? S : null);

    public async Task<Outcome<ContractState>> CreateFromAwardAsync(ContractDraft draft, string user)
    {
        if (S.Created)
        {
            return Outcome<ContractState>.Fail("", "该中标项目已生成合同");
        }
        if (draft.RoundId is { } round)
        {
            return await CreateFromRoundAsync(round, draft, user);
        }
        var tender = GrainFactory.GetGrain<ITenderGrain>(Id);
        var info = await tender.GetInfoAsync();
        if (info is null || info.StreetId != draft.StreetId)
        {
            return Outcome<ContractState>.Fail("", NotFound);
        }
        if (info.Status != TenderStatus.ReadyForContract || info.Award is not { } award)
        {
            return Outcome<ContractState>.Fail("", "只有待签约的采购项目才能生成合同");
        }
        var notice = info.Notice;
        var settings = await SettingsAsync(info.DistrictId);
        draft = WithDefaultSchedule(draft, settings);
        var errors = ContractTerm.Validate(draft.TermStart, draft.TermEnd, draft.LongTermReason)
            .AddRange(PaymentSchedule.Validate(draft.Schedule))
            .AddRange(ServiceCompletion.Validate(draft.Units.IsDefault ? [] : draft.Units));
        if (FundingOf(notice.Funding, award.Price) is not { } funding)
        {
            errors = errors.Add(new("", "采购公告的资金来源无法识别"));
            funding = [];
        }
        if (!errors.IsEmpty)
        {
            return Outcome<ContractState>.Fail(errors);
        }
        var item = await GrainFactory.GetGrain<IStreetCatalogGrain>(info.StreetId).GetItemAsync(notice.TransferItemId);
        var winning = await tender.GetOwnApplicationAsync(award.Uscc);
        var applicants = await tender.GetApplicantsAsync();
        var next = new ContractState
        {
            Created = true, TenderId = Id, StreetId = info.StreetId, DistrictId = info.DistrictId, Year = notice.ServiceStart.Year,
            Title = notice.Title, Content = notice.Requirements, Deliverables = winning?.Proposal.ServicePlan ?? "",
            Uscc = award.Uscc, OrganizationName = award.OrganizationName, Amount = award.Price, Funding = funding,
            TermStart = draft.TermStart, TermEnd = draft.TermEnd, LongTermReason = draft.LongTermReason?.Trim(),
            Units = draft.Units.IsDefault ? [] : draft.Units,
            Competitors = applicants.Succeeded ? [.. applicants.Value.Select(a => a.Uscc).Where(u => u != award.Uscc)] : [],
            Sheets = settings.Sheets, RectificationDays = settings.RectificationDays, ReminderDays = settings.ReminderDays,
            ServiceAreaCode = item?.Fields.ServiceAreaCode ?? "", CreatedAt = Now, CreatedBy = user, Version = 1,
            Amendments = [new ContractAmendment(1, $"草拟合同：金额 {MoneyFormat.Yuan(award.Price)}，期限 {draft.TermStart:yyyy-MM-dd} 至 {draft.TermEnd:yyyy-MM-dd}", "依据中标结果", user, Now)],
        };
        next = next with { Tranches = Schedule(next, draft.Schedule) };
        next = Notify(next, ["org:" + award.Uscc], $"合同“{notice.Title}”已草拟，待街道与贵单位签订");
        await state.CommitAsync(next);
        return Outcome<ContractState>.Ok(next);
    }

    public async Task<Outcome<ContractState>> EditScheduleAsync(long streetId, int expectedVersion, ImmutableArray<TranchePlan> schedule, string user)
    {
        if (Refusal(streetId: streetId) is { } refused)
        {
            return refused;
        }
        if (S.Version != expectedVersion)
        {
            return Outcome<ContractState>.Fail("", Stale);
        }
        if (S.Status != ContractStatus.Drafted || S.StreetSignature is not null)
        {
            return Outcome<ContractState>.Fail("Schedule", "合同签订后付款计划只能通过合同变更调整");
        }
        var errors = PaymentSchedule.Validate(schedule.IsDefault ? [] : schedule);
        if (!errors.IsEmpty)
        {
            return Outcome<ContractState>.Fail(errors);
        }
        var what = "付款计划：" + string.Join("，", schedule.Select(p => $"{p.Gate.Chinese()} {p.SharePercent:0.##}%"));
        return await CommitAsync(Amended(S with { Tranches = Schedule(S, schedule) }, what, "调整付款计划", user));
    }

    public async Task<Outcome<ContractState>> SignAsStreetAsync(long streetId, string user)
    {
        if (Refusal(streetId: streetId) is { } refused)
        {
            return refused;
        }
        if (S.Status != ContractStatus.Drafted || S.StreetSignature is not null)
        {
            return Outcome<ContractState>.Fail("", "街道已签订该合同");
        }
        var next = S with { StreetSignature = new Signature(user, Now), Version = S.Version + 1 };
        return await CommitAsync(Notify(next, ["org:" + S.Uscc], $"街道已签订合同“{S.Title}”，请贵单位签订"));
    }

    public async Task<Outcome<ContractState>> SignAsOrganizationAsync(string uscc, BankAccount account, string user)
    {
        if (Refusal(uscc: uscc) is { } refused)
        {
            return refused;
        }
        if (S.StreetSignature is null)
        {
            return Outcome<ContractState>.Fail("", "请等待街道先签订合同");
        }
        if (S.Status != ContractStatus.Drafted)
        {
            return Outcome<ContractState>.Fail("", "贵单位已签订该合同");
        }
        var errors = ValidateAccount(account);
        // Signing checks the organization again: 已入库 and no active negative entry (SPEC §3.2).
        var eligible = await GrainFactory.GetGrain<IOrganizationGrain>(S.Uscc).CheckEligibilityAsync([], 0, Now);
        errors = errors.AddRange(eligible.Errors.IsDefault ? [] : eligible.Errors);
        if (!errors.IsEmpty)
        {
            return Outcome<ContractState>.Fail(errors);
        }
        var committed = await CommitBudgetAsync(user);
        if (!committed.Succeeded)
        {
            return Outcome<ContractState>.Fail(committed.Errors);
        }
        var next = S with
        {
            Account = Trim(account), OrganizationSignature = new Signature(user, Now), Status = ContractStatus.Signed, Version = S.Version + 1,
        };
        next = next with { Evaluations = [.. next.Tranches.Where(t => t.ReportDue is not null).Select(t => NewEvaluation(t.No, 1, t.ReportDue!.Value))] };
        next = Notify(next, ["street:" + S.StreetId, "org:" + S.Uscc], $"合同“{S.Title}”已签订，金额 {MoneyFormat.Yuan(S.Amount)}");
        foreach (var e in next.Evaluations)
        {
            await ScheduleReportAsync(e); // staged: stored with the state below
        }
        return await CommitAsync(next);
    }

    public async Task<Outcome<ContractState>> TerminateAsync(long streetId, string reason, string user)
    {
        if (Refusal(streetId: streetId) is { } refused)
        {
            return refused;
        }
        if (S.Status is ContractStatus.Closed or ContractStatus.Terminated)
        {
            return Outcome<ContractState>.Fail("", "合同已结项或已终止");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            return Outcome<ContractState>.Fail("Reason", "请填写终止理由（不超过1000个字）");
        }
        var tranches = S.Tranches;
        if (S.Status != ContractStatus.Drafted)
        {
            // What is committed and not yet paid goes back to available (held tranches too).
            foreach (var t in tranches.Where(t => t.Status is TrancheStatus.Planned or TrancheStatus.Held))
            {
                var released = await ReleaseTrancheAsync(t, "合同终止：" + reason.Trim(), user);
                if (!released.Succeeded)
                {
                    return Outcome<ContractState>.Fail(released.Errors);
                }
                tranches = tranches.SetItem(t.No - 1, t with { Status = TrancheStatus.Released });
            }
        }
        var next = S with { Status = ContractStatus.Terminated, TerminationReason = reason.Trim(), Tranches = tranches };
        next = Amended(next, "终止合同", reason.Trim(), user);
        return await CommitAsync(Notify(next, ["org:" + S.Uscc, "street:" + S.StreetId], $"合同“{S.Title}”已终止：{reason.Trim()}"));
    }

    public async Task<Outcome<ContractState>> AmendAsync(long streetId, int expectedVersion, Money amount, DateOnly termEnd,
        string? longTermReason, string reason, string user)
    {
        if (Refusal(streetId: streetId) is { } refused)
        {
            return refused;
        }
        if (S.Version != expectedVersion)
        {
            return Outcome<ContractState>.Fail("", Stale);
        }
        if (S.Status is ContractStatus.Closed or ContractStatus.Terminated)
        {
            return Outcome<ContractState>.Fail("", "合同已结项或已终止，不能变更");
        }
        var errors = ContractTerm.Validate(S.TermStart, termEnd, longTermReason);
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            errors = errors.Add(new("Reason", "请填写变更理由（不超过1000个字）"));
        }
        var paid = Money.Sum(S.Tranches.Where(t => t.Status != TrancheStatus.Planned).Select(t => t.Amount));
        if (amount <= paid || amount.IsNegative)
        {
            errors = errors.Add(new("Amount", $"变更后金额应高于已支付和已处理的 {MoneyFormat.Yuan(paid)}"));
        }
        if (!errors.IsEmpty)
        {
            return Outcome<ContractState>.Fail(errors);
        }
        var funding = FundingScaled(S.Funding, amount);
        var increase = amount - S.Amount;
        if (increase > Money.Zero && S.Status != ContractStatus.Drafted)
        {
            var extra = await CommitIncreaseAsync(increase, funding, user);
            if (!extra.Succeeded)
            {
                // The ledger names the short source (差 ¥…); on the amendment form that belongs beside the amount.
                return Outcome<ContractState>.Fail([.. extra.Errors.Select(e => e with { Field = "Amount" })]);
            }
        }
        else if (increase < Money.Zero && S.Status != ContractStatus.Drafted)
        {
            return Outcome<ContractState>.Fail("Amount", "签订后的合同金额只能增加；减少请终止未支付的付款节点");
        }
        var next = S with { Amount = amount, Funding = funding, TermEnd = termEnd, LongTermReason = longTermReason?.Trim() };
        next = next with { Tranches = Reschedule(next) };
        var what = $"金额 {MoneyFormat.Yuan(S.Amount)} → {MoneyFormat.Yuan(amount)}，期限至 {termEnd:yyyy-MM-dd}";
        return await CommitAsync(Amended(next, what, reason.Trim(), user));
    }

    public async Task<Outcome> RecordMenuDeliveryAsync(string uscc, Guid orderId, string unitCode, string user)
    {
        if (Refusal(uscc: uscc) is { } refused)
        {
            return Outcome.Fail(refused.Errors);
        }
        if (S.MenuDeliveries.Any(d => d.OrderId == orderId))
        {
            return Outcome.Ok; // already counted: a retry after the matter's write failed counts it once
        }
        if (S.Units.All(u => u.Code != unitCode))
        {
            return Outcome.Fail("", "该服务不在合同的服务单元中");
        }
        if (S.Status is ContractStatus.Drafted or ContractStatus.Closed or ContractStatus.Terminated)
        {
            return Outcome.Fail("", "合同未签订、已结项或已终止，不能计入服务量");
        }
        await state.CommitAsync(S with
        {
            MenuDeliveries = S.MenuDeliveries.Add(new MenuDelivery(orderId, unitCode, S.TrancheForDelivery(), user, Now)),
            Status = S.Status == ContractStatus.Signed ? ContractStatus.InService : S.Status,
            Version = S.Version + 1,
        });
        return Outcome.Ok;
    }

    /// <summary>The district's contract settings (its defaults until it saves its own).</summary>
    private async Task<ContractSettings> SettingsAsync(long districtId) =>
        (await GrainFactory.GetGrain<IDistrictContractSettingsGrain>(districtId).GetAsync()).Settings;

    private static ContractDraft WithDefaultSchedule(ContractDraft draft, ContractSettings settings) =>
        draft.Schedule.IsDefaultOrEmpty ? draft with { Schedule = settings.Schedule } : draft;

    /// <summary>
    /// The report's due date as timed work, and its reminder some days before (never in the past). Staged:
    /// the timers seam stores it with the grain's next state write, so call it right before that write.
    /// </summary>
    private async Task ScheduleReportAsync(ContractEvaluation e)
    {
        await timers.ScheduleReportDueAsync(Id, e.TrancheNo, e.Round, EndOf(e.Due));
        var days = S.ReminderDays > 0 ? S.ReminderDays : ContractSettings.DefaultReminderDays;
        var remindAt = new DateTimeOffset(e.Due.AddDays(-days).ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset);
        await timers.ScheduleReportReminderAsync(Id, e.TrancheNo, e.Round, remindAt < Now ? Now : remindAt);
    }

    /// <summary>Null when the caller may act on this contract; otherwise "not found", so nothing tells another tenant it exists.</summary>
    private Outcome<ContractState>? Refusal(long? streetId = null, string? uscc = null, long? districtId = null) =>
        !S.Created || (streetId is { } s && s != S.StreetId) || (uscc is not null && Uscc.Normalise(uscc) != S.Uscc)
            || (districtId is { } d && d != S.DistrictId)
            ? Outcome<ContractState>.Fail("", NotFound)
            : null;

    private async Task<Outcome<ContractState>> CommitAsync(ContractState next)
    {
        await state.CommitAsync(next);
        return Outcome<ContractState>.Ok(next);
    }

    private ContractState Amended(ContractState s, string what, string reason, string user) => s with
    {
        Version = s.Version + 1,
        Amendments = s.Amendments.Add(new ContractAmendment(s.Amendments.Length + 1, what, reason, user, Now)),
    };

    private ContractState Notify(ContractState s, IEnumerable<string> recipients, string text) =>
        s with { Notifications = s.Notifications.AddRange(recipients.Distinct().Select(r => new ContractNotification(Guid.CreateVersion7(Now), r, text, Now))) };

    private static ContractEvaluation NewEvaluation(int trancheNo, int round, DateOnly due) =>
        new(trancheNo, round, due, ImmutableDictionary<EvaluationSource, SourceScore>.Empty, null, null, null, null);

    /// <summary>A report is due by the end of its day in China (UTC+8).</summary>
    private static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);

    private static ImmutableArray<Tranche> Schedule(ContractState s, IReadOnlyList<TranchePlan> plan) =>
        [.. PaymentSchedule.Amounts(s.Amount, plan, s.Funding).Select((t, i) => new Tranche(i + 1, t.Gate, t.SharePercent, t.Amount, t.Split,
            TrancheStatus.Planned, DueOf(s, t.Gate), null, null))];

    /// <summary>After an amendment, paid and settled tranches keep their amounts; the open ones share the rest by their shares.</summary>
    private static ImmutableArray<Tranche> Reschedule(ContractState s)
    {
        var settled = s.Tranches.Where(t => t.Status != TrancheStatus.Planned).ToList();
        var open = s.Tranches.Where(t => t.Status == TrancheStatus.Planned).ToList();
        var rest = s.Amount - Money.Sum(settled.Select(t => t.Amount));
        var restFunding = s.Funding.Select(f => f with { Amount = f.Amount - Money.Sum(settled.Select(t => t.Split.Single(x => x.Source == f.Source).Amount)) }).ToList();
        var amounts = PaymentSchedule.Amounts(rest, [.. open.Select(t => new TranchePlan(t.Gate, t.SharePercent))], restFunding);
        var opened = open.Select((t, i) => t with { Amount = amounts[i].Amount, Split = amounts[i].Split, ReportDue = DueOf(s, t.Gate) });
        return [.. settled.Concat(opened).OrderBy(t => t.No).Select(t => t with { SharePercent = decimal.Round(t.Amount.Yuan * 100m / s.Amount.Yuan, 2) })];
    }

    private static DateOnly? DueOf(ContractState s, TrancheGate gate) => gate switch
    {
        TrancheGate.MidTerm => ContractTerm.MidPoint(s.TermStart, s.TermEnd),
        TrancheGate.Final => s.TermEnd,
        _ => null,
    };

    /// <summary>
    /// The notice's funding split scaled to the awarded price by the ledger's own rule (EncumbranceSplit), so
    /// the contract takes exactly what the award left encumbered per source.
    /// </summary>
    private static ImmutableArray<SourceAmount>? FundingOf(ImmutableArray<FundingShare> shares, Money price) =>
        shares.IsDefaultOrEmpty ? null
            : [.. EncumbranceSplit.Proportional(price, [.. shares.Select(f => new SourceAmount(f.Source, f.Amount))]).Where(a => !a.Amount.IsZero)];

    private static ImmutableArray<SourceAmount> FundingScaled(ImmutableArray<SourceAmount> split, Money total)
    {
        var parts = PaymentSchedule.Allocate(total, [.. split.Select(s => s.Amount.Yuan)]);
        return [.. split.Select((s, i) => s with { Amount = parts[i] })];
    }

    private static ImmutableArray<FieldError> ValidateAccount(BankAccount a)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (string.IsNullOrWhiteSpace(a.Bank) || a.Bank.Trim().Length > 100)
        {
            errors.Add(new("Bank", "请填写开户银行（不超过100个字）"));
        }
        if (string.IsNullOrWhiteSpace(a.AccountName) || a.AccountName.Trim().Length > 200)
        {
            errors.Add(new("AccountName", "请填写账户名称（不超过200个字）"));
        }
        var number = a.AccountNumber?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (number.Length is < 8 or > 32 || !number.All(char.IsAsciiDigit))
        {
            errors.Add(new("AccountNumber", "银行账号应为8至32位数字"));
        }
        return errors.ToImmutable();
    }

    private static BankAccount Trim(BankAccount a) => new(a.Bank.Trim(), a.AccountName.Trim(), a.AccountNumber.Replace(" ", "", StringComparison.Ordinal));
}
