using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Persistence;

namespace Marketplace.Contracts;

/// <summary>合同补录: a contract signed on paper, entered so that it is delivered, evaluated and paid here.</summary>
public sealed partial class ContractGrain
{
    private const int TitleMax = 200;

    public async Task<Outcome<ContractState>> CreateFromRecordAsync(ContractRecord r, string user)
    {
        if (S.Created)
        {
            return Outcome<ContractState>.Fail("", "该合同已录入");
        }
        var settings = await SettingsAsync(r.DistrictId);
        var draft = WithDefaultSchedule(r.Terms, settings);
        var errors = ContractTerm.Validate(draft.TermStart, draft.TermEnd, draft.LongTermReason)
            .AddRange(PaymentSchedule.Validate(draft.Schedule))
            .AddRange(ServiceCompletion.Validate(draft.Units.IsDefault ? [] : draft.Units))
            .AddRange(BudgetRules.ValidateSplit(r.Amount, r.Funding.IsDefault ? [] : r.Funding, totalMustBePositive: true));
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Trim().Length > TitleMax)
        {
            errors = errors.Add(new("Title", $"请填写项目名称（不超过{TitleMax}个字）"));
        }
        if (string.IsNullOrWhiteSpace(r.PaperNumber) || r.PaperNumber.Trim().Length > 50)
        {
            errors = errors.Add(new("PaperNumber", "请填写纸质合同编号（不超过50个字）"));
        }
        var organization = await GrainFactory.GetGrain<IOrganizationGrain>(Uscc.Normalise(r.Uscc)).GetAsync();
        if (organization?.Profile is not { } profile || profile.DistrictId != r.DistrictId)
        {
            errors = errors.Add(new("Uscc", "承接单位不是本区社会组织名录中的单位"));
        }
        if (!errors.IsEmpty)
        {
            return Outcome<ContractState>.Fail(errors);
        }
        // Nothing was held for a paper contract: what it will commit on signing must be available now (差 ¥… named).
        // The ledger names the short source; on the record form that belongs beside the amount, as on an amendment.
        var budget = GrainFactory.GetStreetBudget(draft.StreetId, draft.TermStart.Year);
        var available = await budget.CanCommitAsync(r.Amount, BudgetRules.Normalise(r.Funding), false);
        if (!available.Succeeded)
        {
            return Outcome<ContractState>.Fail([.. available.Errors.Select(e => e with { Field = "Amount" })]);
        }
        var next = new ContractState
        {
            Created = true, TenderId = Id, StreetId = draft.StreetId, DistrictId = r.DistrictId, Year = draft.TermStart.Year,
            Title = r.Title.Trim(), Content = r.Content.Trim(), Deliverables = r.Deliverables.Trim(),
            Uscc = Uscc.Normalise(r.Uscc), OrganizationName = organization!.Profile!.Name, Amount = r.Amount, Funding = BudgetRules.Normalise(r.Funding),
            TermStart = draft.TermStart, TermEnd = draft.TermEnd, LongTermReason = draft.LongTermReason?.Trim(),
            Units = draft.Units.IsDefault ? [] : draft.Units,
            Sheets = settings.Sheets, RectificationDays = settings.RectificationDays, ReminderDays = settings.ReminderDays,
            ServiceAreaCode = r.ServiceAreaCode, CreatedAt = Now, CreatedBy = user, Version = 1,
            Amendments = [new ContractAmendment(1, $"补录合同（纸质合同编号 {r.PaperNumber.Trim()}）：金额 {MoneyFormat.Yuan(r.Amount)}，期限 {draft.TermStart:yyyy-MM-dd} 至 {draft.TermEnd:yyyy-MM-dd}", "依据已签订的纸质合同补录", user, Now)],
        };
        next = next with { Tranches = Schedule(next, draft.Schedule) };
        next = Notify(next, ["org:" + next.Uscc], $"合同“{next.Title}”已补录，待街道与贵单位在平台上确认签订");
        await state.CommitAsync(next);
        return Outcome<ContractState>.Ok(next);
    }
}
