using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Tendering;

/// <summary>
/// Sealed applications during the window (ADR 0007). Submit and withdraw interleave with each other
/// (<c>[AlwaysInterleave]</c>): each is checked and numbered on the grain's single thread, then waits for
/// the group commit that carries it to the submission log, so a deadline rush costs a few transactions
/// per second per tender rather than one per submission. A caller hears "received" only once it is durable.
/// </summary>
public sealed partial class TenderGrain
{
    private Task<SubmissionWindow>? _window;
    private GroupCommitter<SubmissionEntry>? _committer;

    public async Task<Outcome<ApplicationReceipt>> SubmitAsync(
        string uscc, ApplicationProposal proposal, string idempotencyKey, string user)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            return Outcome<ApplicationReceipt>.Fail("", "缺少提交编号，请刷新页面后重新提交");
        }
        if (!S.Created)
        {
            return Outcome<ApplicationReceipt>.Fail("", Missing);
        }
        var window = S.ClosedAt is null ? await WindowAsync() : null;
        // A retry (double click, lost answer) gets the first answer back and stores nothing new.
        if (await RetryAnswerAsync(window, idempotencyKey, uscc) is { } retry)
        {
            return retry;
        }
        if (WindowClosed() is { } closed)
        {
            return Outcome<ApplicationReceipt>.Fail("", closed);
        }
        var notice = S.Notice!;
        // Only the notice's own required documents count (the form may post others); the page no longer reads the notice first.
        proposal = proposal with { Documents = [.. proposal.Documents.Where(notice.RequiredDocuments.Contains)] };
        var errors = ValidateProposal(notice, proposal);
        if (!errors.IsEmpty)
        {
            return Outcome<ApplicationReceipt>.Fail(errors);
        }
        // One call answers both: the applicant as the directory names it, and whether it may apply.
        var applicant = await RecentApplicantAsync(uscc, notice.Eligibility);
        if (applicant.IneligibleReason is { } ineligible)
        {
            return Outcome<ApplicationReceipt>.Fail("", ineligible);
        }
        // The clock is read again after the eligibility look-up: what counts is when the submission is
        // accepted, and that same instant is recorded as its submission time.
        var acceptedAt = Now;
        if (WindowClosed(acceptedAt) is { } late)
        {
            return Outcome<ApplicationReceipt>.Fail("", late);
        }
        // Another call with this key may have been accepted while this one awaited the look-up.
        if (await RetryAnswerAsync(window, idempotencyKey, uscc) is { } raced)
        {
            return raced;
        }
        var entry = window!.Submit(uscc, applicant.Name, proposal, idempotencyKey, acceptedAt, user,
            a => new TenderNotification(Guid.CreateVersion7(acceptedAt), Recipient.Organization(uscc), $"已收到您对“{notice.Title}”的申请（第{a.Revision}版），截止前可修改或撤回", acceptedAt));
        await Committer.EnqueueAsync(entry);
        return Outcome<ApplicationReceipt>.Ok(new ApplicationReceipt(uscc, entry.Application.Revision, acceptedAt));
    }

    public async Task<Outcome> WithdrawAsync(string uscc, string user)
    {
        if (WindowClosed() is { } closed)
        {
            return Outcome.Fail("", closed);
        }
        var window = await WindowAsync();
        if (WindowClosed() is { } closedMeanwhile)
        {
            return Outcome.Fail("", closedMeanwhile);
        }
        if (window.Accepted(uscc) is not { Withdrawn: false } current)
        {
            return Outcome.Fail("", "没有可撤回的申请");
        }
        await Committer.EnqueueAsync(window.Withdraw(current, Now, user));
        return Outcome.Ok;
    }

    public async Task<TenderApplication?> GetOwnApplicationAsync(string uscc)
    {
        if (S.ClosedAt is not null || S.Status != TenderStatus.Published)
        {
            return S.Applications.GetValueOrDefault(uscc);
        }
        // Only what is durable: a submission still being written has not been acknowledged to anyone.
        return (await WindowAsync()).Committed.GetValueOrDefault(uscc);
    }

    /// <summary>The applications that count now: durable ones from the log while the window is open.</summary>
    private async Task<IReadOnlyCollection<TenderApplication>> ActiveApplicationsAsync()
    {
        if (S.ClosedAt is not null || S.Status != TenderStatus.Published)
        {
            return [.. S.Active];
        }
        return [.. (await SettledWindowAsync()).Committed.Values.Where(a => !a.Withdrawn)];
    }

    /// <summary>
    /// The state with the applications as they stood at the deadline, every accepted submission settled
    /// (a submission accepted before the deadline may still be in its write when closing starts).
    /// </summary>
    private async Task<TenderState> SealedAtDeadlineAsync()
    {
        var window = await SettledWindowAsync();
        return S with { Applications = window.Committed.ToImmutableDictionary(), SubmitKeys = window.CommittedKeys };
    }

    /// <summary>The window once every submission accepted so far is durable or has failed.</summary>
    private async Task<SubmissionWindow> SettledWindowAsync()
    {
        var window = await WindowAsync();
        await Committer.SettleAsync();
        return window;
    }

    /// <summary>After closing the tender's own state holds the applications; the log is not read again.</summary>
    private void CloseWindow()
    {
        _window = null;
        _committer = null;
    }

    private Task<SubmissionWindow> WindowAsync()
    {
        if (_window is null || _window.IsFaulted)
        {
            _window = LoadWindowAsync();
        }
        return _window;
    }

    private async Task<SubmissionWindow> LoadWindowAsync() => new(S, await submissions.ReadAsync(Id));

    /// <summary>Writes to the log of the loaded window (callers await <see cref="WindowAsync"/> first).</summary>
    private GroupCommitter<SubmissionEntry> Committer => _committer ??= CommitterFor(_window!.Result);

    private GroupCommitter<SubmissionEntry> CommitterFor(SubmissionWindow window) => new(
        batch => submissions.AppendAsync(Id, batch),
        window.Commit,
        (_, _) => window.RollBack());

    private async Task<Outcome<ApplicationReceipt>?> RetryAnswerAsync(SubmissionWindow? window, string idempotencyKey, string uscc)
    {
        var seen = window is null ? S.SubmitKeys.GetValueOrDefault(idempotencyKey) : window.ReceiptFor(idempotencyKey);
        if (seen is null)
        {
            return null;
        }
        if (seen.Uscc != uscc)
        {
            return Outcome<ApplicationReceipt>.Fail("", "提交编号无效，请刷新页面后重新提交");
        }
        if (window is not null && !window.IsCommitted(idempotencyKey))
        {
            // The first call's write is under way: answer when it is durable. If that write failed the
            // key was forgotten with it, and this call goes on as a new submission.
            await Committer.SettleAsync();
            if (!window.IsCommitted(idempotencyKey))
            {
                return null;
            }
        }
        return Outcome<ApplicationReceipt>.Ok(seen);
    }
}
