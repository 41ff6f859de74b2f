using Marketplace.Domain;
using Marketplace.Persistence;
using Marketplace.Rounds;

namespace Marketplace.Contracts;

/// <summary>
/// A contract for a project funded by a 公益创投 round (issue: 公益创投 §5): the same contract, schedule,
/// evaluations and tranches as an award's; only where it comes from and which encumbrance pays differ.
/// </summary>
public sealed partial class ContractGrain
{
    private async Task<Outcome<ContractState>> CreateFromRoundAsync(Guid roundId, ContractDraft draft, string user)
    {
        var source = await GrainFactory.GetGrain<IVentureRoundGrain>(roundId).GetContractSourceAsync(Id);
        if (source is null || source.StreetId != draft.StreetId)
        {
            return Outcome<ContractState>.Fail("", NotFound);
        }
        // The district's evaluation sheets, 整改 days and reminder days apply as to an award's contract;
        // the schedule is the round's own (公益创投 §5), sent in the draft, else the district's default.
        var settings = await SettingsAsync(source.DistrictId);
        draft = WithDefaultSchedule(draft, settings);
        var errors = ContractTerm.Validate(draft.TermStart, draft.TermEnd, draft.LongTermReason)
            .AddRange(PaymentSchedule.Validate(draft.Schedule.IsDefault ? [] : draft.Schedule))
            .AddRange(ServiceCompletion.Validate(draft.Units.IsDefault ? [] : draft.Units));
        if (!errors.IsEmpty)
        {
            return Outcome<ContractState>.Fail(errors);
        }
        var next = new ContractState
        {
            Created = true, TenderId = Id, RoundId = roundId, StreetId = source.StreetId, DistrictId = source.DistrictId, Year = source.Year,
            Title = source.Title, Content = source.Content, Deliverables = source.Deliverables,
            Uscc = source.Uscc, OrganizationName = source.OrganizationName, Amount = source.Amount, Funding = [new(source.Source, source.Amount)],
            TermStart = draft.TermStart, TermEnd = draft.TermEnd, LongTermReason = draft.LongTermReason?.Trim(),
            Units = draft.Units.IsDefault ? [] : draft.Units, Competitors = source.Competitors,
            Sheets = settings.Sheets, RectificationDays = settings.RectificationDays, ReminderDays = settings.ReminderDays,
            ServiceAreaCode = source.ServiceAreaCode, CreatedAt = Now, CreatedBy = user, Version = 1,
            Amendments = [new ContractAmendment(1, $"草拟合同：金额 {MoneyFormat.Yuan(source.Amount)}，期限 {draft.TermStart:yyyy-MM-dd} 至 {draft.TermEnd:yyyy-MM-dd}", "依据公益创投立项结果", user, Now)],
        };
        next = next with { Tranches = Schedule(next, draft.Schedule) };
        next = Notify(next, ["org:" + source.Uscc], $"公益创投项目“{source.Title}”的合同已草拟，待街道与贵单位签订");
        await state.CommitAsync(next);
        return Outcome<ContractState>.Ok(next);
    }
}
