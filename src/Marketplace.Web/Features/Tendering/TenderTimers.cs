using Marketplace.Tendering;
using Marketplace.Web.Infrastructure.Jobs;

namespace Marketplace.Web.Features.Tendering;

/// <summary>
/// Tender deadlines, 公示 ends and declaration times as scheduled work, staged for the tender's next state
/// write and stored in its transaction (docs/decisions/0011).
/// </summary>
public sealed class TenderTimers(StagedDueWork staged) : ITenderTimers
{
    public Task ScheduleAsync(string kind, Guid tenderId, DateTimeOffset dueAt)
    {
        staged.Stage<TenderState>(tenderId, kind, tenderId.ToString(), dueAt);
        return Task.CompletedTask;
    }

    public Task ScheduleDeclarationDueAsync(Guid tenderId, Guid expertId, DateTimeOffset dueAt)
    {
        staged.Stage<TenderState>(tenderId, ITenderTimers.DeclarationDueKind, $"{tenderId}:{expertId}", dueAt);
        return Task.CompletedTask;
    }
}

/// <summary>Closes a tender at its deadline. The grain ignores a second run and a run before the deadline.</summary>
public sealed class TenderCloseHandler(IGrainFactory grains) : IDueWorkHandler
{
    public string Kind => ITenderTimers.CloseKind;

    public Task RunAsync(string subjectId, CancellationToken ct) =>
        grains.GetGrain<ITenderGrain>(Guid.Parse(subjectId)).CloseAsync();
}

/// <summary>Ends 公示. The grain ignores a second run, a run before the end, and an open objection.</summary>
public sealed class TenderPublicityEndHandler(IGrainFactory grains) : IDueWorkHandler
{
    public string Kind => ITenderTimers.PublicityEndKind;

    public Task RunAsync(string subjectId, CancellationToken ct) =>
        grains.GetGrain<ITenderGrain>(Guid.Parse(subjectId)).EndPublicityAsync();
}

/// <summary>
/// A drawn expert's declaration time is up (subject "{tenderId}:{expertId}"). The grain replaces him only if he
/// is still undeclared and the time has passed, so a second run or an early one does nothing.
/// </summary>
public sealed class TenderDeclarationDueHandler(IGrainFactory grains) : IDueWorkHandler
{
    public string Kind => ITenderTimers.DeclarationDueKind;

    public Task RunAsync(string subjectId, CancellationToken ct)
    {
        var parts = subjectId.Split(':');
        return grains.GetGrain<ITenderGrain>(Guid.Parse(parts[0])).DeclarationOverdueAsync(Guid.Parse(parts[1]));
    }
}
