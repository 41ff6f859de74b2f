using Marketplace.Rounds;
using Marketplace.Web.Infrastructure.Jobs;

namespace Marketplace.Web.Features.Rounds;

/// <summary>
/// A round's deadline and the end of its 立项公示 as scheduled work (subject = round id), and each funded project's
/// signing deadline (subject = "{round}:{application}"), staged for the round's next state write and stored in its
/// transaction (docs/decisions/0011).
/// </summary>
public sealed class RoundTimers(StagedDueWork staged) : IRoundTimers
{
    public Task ScheduleCloseAsync(Guid roundId, DateTimeOffset deadline)
    {
        staged.Stage<VentureRoundState>(roundId, IRoundTimers.CloseKind, roundId.ToString(), deadline);
        return Task.CompletedTask;
    }

    public Task SchedulePublicityEndAsync(Guid roundId, DateTimeOffset endsAt)
    {
        staged.Stage<VentureRoundState>(roundId, IRoundTimers.PublicityEndKind, roundId.ToString(), endsAt);
        return Task.CompletedTask;
    }

    public Task ScheduleSigningDueAsync(Guid roundId, Guid applicationId, DateTimeOffset dueAt)
    {
        staged.Stage<VentureRoundState>(roundId, IRoundTimers.SigningDueKind, SigningSubject(roundId, applicationId), dueAt);
        return Task.CompletedTask;
    }

    public static string SigningSubject(Guid roundId, Guid applicationId) => $"{roundId}:{applicationId}";
}

/// <summary>
/// At a funded project's signing deadline: its unsigned contract ends and its money goes back to available, once
/// (the ledger key <c>round:{id}:unsigned:{application}</c>); signed, released already or early: nothing.
/// </summary>
public sealed class RoundSigningDueHandler(IGrainFactory grains) : IDueWorkHandler
{
    public string Kind => IRoundTimers.SigningDueKind;

    public async Task RunAsync(string subjectId, CancellationToken ct)
    {
        var parts = subjectId.Split(':');
        var outcome = await grains.GetGrain<IVentureRoundGrain>(Guid.Parse(parts[0])).SigningOverdueAsync(Guid.Parse(parts[1]));
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(string.Join("；", outcome.Errors.Select(e => e.Message))); // Hangfire retries
        }
    }
}

/// <summary>At the deadline: the round records itself closed, once; a second run or an early one does nothing.</summary>
public sealed class RoundCloseHandler(IGrainFactory grains) : IDueWorkHandler
{
    public string Kind => IRoundTimers.CloseKind;

    public async Task RunAsync(string subjectId, CancellationToken ct) =>
        RoundPublicityEndHandler.ThrowIfFailed(await grains.GetGrain<IVentureRoundGrain>(Guid.Parse(subjectId)).CloseAsync());
}

/// <summary>
/// At the end of 立项公示: the round fixes its funded set, frees the leftover and drafts the funded projects' contracts, once (the ledger keys make a
/// repeat after a crash post nothing twice); early, or with an objection unanswered, it does nothing.
/// </summary>
public sealed class RoundPublicityEndHandler(IGrainFactory grains) : IDueWorkHandler
{
    public string Kind => IRoundTimers.PublicityEndKind;

    public async Task RunAsync(string subjectId, CancellationToken ct) =>
        ThrowIfFailed(await grains.GetGrain<IVentureRoundGrain>(Guid.Parse(subjectId)).EndPublicityIfDueAsync());

    internal static void ThrowIfFailed(Marketplace.Domain.Outcome<RoundInfo> outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(string.Join("；", outcome.Errors.Select(e => e.Message))); // Hangfire retries
        }
    }
}

public static class RoundsServiceCollectionExtensions
{
    public static IServiceCollection AddRoundsFeature(this IServiceCollection services)
    {
        services.AddSingleton<IRoundTimers, RoundTimers>();
        services.AddSingleton<IDueWorkHandler, RoundCloseHandler>();
        services.AddSingleton<IDueWorkHandler, RoundPublicityEndHandler>();
        services.AddSingleton<IDueWorkHandler, RoundSigningDueHandler>();
        services.AddSingleton<Infrastructure.GrainStorage.IGrainStateProjection, RoundProjection>();
        return services;
    }
}
