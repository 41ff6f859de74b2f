using System.Globalization;
using Marketplace.Grid;
using Marketplace.Web.Features.Contracts;
using Marketplace.Web.Infrastructure.Jobs;

namespace Marketplace.Web.Features.Grid;

/// <summary>Matter deadlines as scheduled work; subject "{streetId}:{matterId}".</summary>
public sealed class MatterTimers(DueWork dueWork) : IMatterTimers
{
    public Task ScheduleFirstDueAsync(long streetId, Guid matterId, DateTimeOffset dueAt) =>
        dueWork.ScheduleAsync(IMatterTimers.FirstDueKind, Subject(streetId, matterId), dueAt.ToUniversalTime()); // timestamptz takes UTC only

    public Task ScheduleSolveDueAsync(long streetId, Guid matterId, DateTimeOffset dueAt) =>
        dueWork.ScheduleAsync(IMatterTimers.SolveDueKind, Subject(streetId, matterId), dueAt.ToUniversalTime());

    internal static string Subject(long streetId, Guid matterId) => string.Create(CultureInfo.InvariantCulture, $"{streetId}:{matterId}");

    /// <summary>The street and the matter from a subject "{streetId}:{matterId}".</summary>
    internal static (long Street, Guid Matter) Parse(string subjectId)
    {
        var parts = subjectId.Split(':');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), Guid.Parse(parts[1]));
    }
}

/// <summary>At a matter's 答复/受理/上报 deadline: the grain flags it overdue once if the step was not taken in time.</summary>
public sealed class MatterFirstDueHandler(IGrainFactory grains) : IDueWorkHandler
{
    public string Kind => IMatterTimers.FirstDueKind;

    public async Task RunAsync(string subjectId, CancellationToken ct)
    {
        var (street, matter) = MatterTimers.Parse(subjectId);
        ContractReportDueHandler.ThrowIfFailed(await grains.GetGrain<IStreetMattersGrain>(street).OverdueAsync(matter, MatterNames.FirstStage));
    }
}

/// <summary>At a matter's 办结 deadline: the grain flags it overdue once if it was not closed in time.</summary>
public sealed class MatterSolveDueHandler(IGrainFactory grains) : IDueWorkHandler
{
    public string Kind => IMatterTimers.SolveDueKind;

    public async Task RunAsync(string subjectId, CancellationToken ct)
    {
        var (street, matter) = MatterTimers.Parse(subjectId);
        ContractReportDueHandler.ThrowIfFailed(await grains.GetGrain<IStreetMattersGrain>(street).OverdueAsync(matter, MatterNames.SolveStage));
    }
}

public static class GridServiceCollectionExtensions
{
    /// <summary>The grains' side of the grid feature (timed work); used by the web host and the test cluster.</summary>
    public static IServiceCollection AddGridFeature(this IServiceCollection services)
    {
        services.AddSingleton<IMatterTimers, MatterTimers>();
        services.AddSingleton<IDueWorkHandler, MatterFirstDueHandler>();
        services.AddSingleton<IDueWorkHandler, MatterSolveDueHandler>();
        return services;
    }
}
