using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Tendering;

/// <summary>
/// Score sheets, group-committed (issue 15: 301 experts saving at once). A save is checked on the grain's
/// thread against the rules as they stand (scoring open, a confirmed member, a valid applicant, the sheet
/// against the criteria maxima), then queues for the next state write; every save that queued while a write
/// was in flight goes out in one write of the tender document, and each expert hears "saved" only after the
/// write that carried his sheet committed. A failed write fails every sheet it carried (and those queued
/// behind it), and the state stays what was written before (CONVENTIONS: memory never ahead of storage).
/// </summary>
/// <remarks>
/// <see cref="ITenderGrain.ScoreAsync"/> interleaves (<c>[AlwaysInterleave]</c>), so it could start while
/// another call is suspended mid-way (an award waiting on the budget grain) and write a sheet after that call
/// read the sheets, or write beside it. The grain's own call filter (<see cref="Invoke"/>) holds every save
/// until any other call in progress has finished, and holds every other call until the saves already being
/// written have settled (Orleans does start it while they are suspended in their write).
/// </remarks>
public sealed partial class TenderGrain
{
    private GroupCommitter<SheetSave>? _sheets;
    private int _otherCalls;
    private TaskCompletionSource? _otherCallsDone;

    /// <summary>One save: the member's sheet for one applicant, and the caller's request context for the audit trail.</summary>
    private sealed record SheetSave(Guid ExpertId, string Uscc, ImmutableDictionary<string, CriterionScore> Sheet,
        ImmutableDictionary<string, object?> Caller);

    public async Task<Outcome> ScoreAsync(string expertUser, string uscc, ImmutableDictionary<string, CriterionScore> sheet)
    {
        while (_otherCallsDone is { } other)
        {
            await other.Task;
        }
        if (S.Status != TenderStatus.UnderReview)
        {
            return Outcome.Fail("", S.Award is not null || S.Status is TenderStatus.Failed or TenderStatus.Cancelled
                ? "评审已结束，不能再修改评分" : "尚未开始评审");
        }
        if (Member(expertUser) is not { Status: PanelMemberStatus.Confirmed } member)
        {
            return Outcome.Fail("", "声明无利害关系后才能评分");
        }
        if (!S.Active.Any(a => a.Uscc == uscc) || S.InvalidReasons.ContainsKey(uscc))
        {
            return Outcome.Fail("", "该申请无效或不存在，不参与评分");
        }
        var errors = Scoring.ValidateSheet(S.Notice!.Criteria, sheet);
        if (!errors.IsEmpty)
        {
            return Outcome.Fail(errors);
        }
        await Sheets.EnqueueAsync(new SheetSave(member.ExpertId, uscc, sheet, GroupWriters.Capture()));
        return Outcome.Ok;
    }

    private GroupCommitter<SheetSave> Sheets => _sheets ??= new(
        WriteSheetsAsync,
        _ => { }, // CommitAsync swapped the state in
        (_, _) => { }); // CommitAsync kept the state written before

    /// <summary>One write for every sheet queued, in the order saved (a member's later sheet for an applicant wins).</summary>
    private Task WriteSheetsAsync(IReadOnlyList<SheetSave> saves)
    {
        var scores = saves.Aggregate(S.Scores, (all, save) => all.SetItem(save.ExpertId,
            (all.GetValueOrDefault(save.ExpertId) ?? ImmutableDictionary<string, ImmutableDictionary<string, CriterionScore>>.Empty).SetItem(save.Uscc, save.Sheet)));
        return GroupWriters.WriteAsync([.. saves.Select(s => s.Caller)], () => state.CommitAsync(S with { Scores = scores }));
    }

    /// <summary>
    /// Every call but a save or a submission (those interleave and wait for their own group commits) marks the
    /// grain busy while it runs, so a save never reads or writes the state in the middle of another call.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.Name is nameof(ScoreAsync) or nameof(SubmitAsync) or nameof(WithdrawAsync))
        {
            await context.Invoke();
            return;
        }
        if (_otherCalls++ == 0)
        {
            _otherCallsDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        try
        {
            // Orleans starts this call even while saves are suspended in their write (they interleave, so they do
            // not block it): it waits here for those writes to settle, or it would decide on sheets not yet
            // durable, and a failed write's fallback would drop what this call committed from memory.
            if (_sheets is { Outstanding: > 0 } sheets)
            {
                await sheets.SettleAsync();
            }
            await context.Invoke();
        }
        finally
        {
            if (--_otherCalls == 0)
            {
                var done = _otherCallsDone!;
                _otherCallsDone = null;
                done.SetResult();
            }
        }
    }
}
