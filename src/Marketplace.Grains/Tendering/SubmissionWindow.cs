using System.Collections.Immutable;

namespace Marketplace.Tendering;

/// <summary>
/// The sealed applications of an open tender, as two views over its submission log: what is durable
/// (<see cref="Committed"/>, the only view anyone is shown) and what has been accepted (durable plus
/// what is being written), against which the next submission is numbered and de-duplicated.
/// </summary>
internal sealed class SubmissionWindow
{
    private readonly Dictionary<string, TenderApplication> _committed = [];
    private readonly Dictionary<string, ApplicationReceipt> _committedKeys = [];
    private long _committedCount;

    private Dictionary<string, TenderApplication> _accepted = [];
    private Dictionary<string, ApplicationReceipt> _acceptedKeys = [];
    private long _acceptedCount;

    /// <summary>
    /// Applications of a document written before the log existed count as committed; the log's entries
    /// come after them.
    /// </summary>
    public SubmissionWindow(TenderState state, IEnumerable<SubmissionEntry> log)
    {
        foreach (var (uscc, application) in state.Applications)
        {
            _committed[uscc] = application;
        }
        foreach (var (key, receipt) in state.SubmitKeys)
        {
            _committedKeys[key] = receipt;
        }
        Commit(log.OrderBy(e => e.Sequence).ToList());
        RollBack();
    }

    public IReadOnlyDictionary<string, TenderApplication> Committed => _committed;

    public ImmutableDictionary<string, ApplicationReceipt> CommittedKeys => _committedKeys.ToImmutableDictionary();

    /// <summary>The receipt already given for this key, durable or still being written.</summary>
    public ApplicationReceipt? ReceiptFor(string idempotencyKey) => _acceptedKeys.GetValueOrDefault(idempotencyKey);

    public bool IsCommitted(string idempotencyKey) => _committedKeys.ContainsKey(idempotencyKey);

    public TenderApplication? Accepted(string uscc) => _accepted.GetValueOrDefault(uscc);

    /// <summary>Accepts a revision: the latest accepted one of this organization plus one.</summary>
    public SubmissionEntry Submit(string uscc, string organizationName, ApplicationProposal proposal, string idempotencyKey,
        DateTimeOffset at, string user, Func<TenderApplication, TenderNotification> receipt)
    {
        var previous = _accepted.GetValueOrDefault(uscc);
        var application = new TenderApplication(uscc, organizationName, proposal, (previous?.Revision ?? 0) + 1, at, false, user);
        _accepted[uscc] = application;
        _acceptedKeys[idempotencyKey] = new ApplicationReceipt(uscc, application.Revision, at);
        return new SubmissionEntry(_acceptedCount++, application, idempotencyKey, receipt(application));
    }

    /// <summary>Accepts a withdrawal of the organization's current application (the caller checked there is one).</summary>
    public SubmissionEntry Withdraw(TenderApplication current, DateTimeOffset at, string user)
    {
        var withdrawn = current with { Withdrawn = true, SubmittedAt = at, SubmittedBy = user };
        _accepted[current.Uscc] = withdrawn;
        return new SubmissionEntry(_acceptedCount++, withdrawn, null, null);
    }

    /// <summary>These entries are durable now.</summary>
    public void Commit(IReadOnlyList<SubmissionEntry> entries)
    {
        foreach (var e in entries)
        {
            _committed[e.Application.Uscc] = e.Application;
            if (e.IdempotencyKey is { } key)
            {
                _committedKeys[key] = new ApplicationReceipt(e.Application.Uscc, e.Application.Revision, e.Application.SubmittedAt);
            }
            _committedCount = Math.Max(_committedCount, e.Sequence + 1);
        }
    }

    /// <summary>A write failed: what was accepted but not committed is gone; the next entry reuses its numbers.</summary>
    public void RollBack()
    {
        _accepted = new Dictionary<string, TenderApplication>(_committed);
        _acceptedKeys = new Dictionary<string, ApplicationReceipt>(_committedKeys);
        _acceptedCount = _committedCount;
    }
}
