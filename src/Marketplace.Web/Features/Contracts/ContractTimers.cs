using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Infrastructure.Jobs;

namespace Marketplace.Web.Features.Contracts;

/// <summary>Report due dates as scheduled work; subject "{contractId}:{trancheNo}:{round}".</summary>
public sealed class ContractTimers(DueWork dueWork) : IContractTimers
{
    public Task ScheduleReportDueAsync(Guid contractId, int trancheNo, int round, DateTimeOffset dueAt) =>
        dueWork.ScheduleAsync(IContractTimers.ReportDueKind, string.Create(CultureInfo.InvariantCulture, $"{contractId}:{trancheNo}:{round}"), dueAt.ToUniversalTime()); // timestamptz takes UTC only
}

/// <summary>At a report's due date: the grain fails an evaluation with no report, once; a second run or an early one does nothing.</summary>
public sealed class ContractReportDueHandler(IGrainFactory grains) : IDueWorkHandler
{
    public string Kind => IContractTimers.ReportDueKind;

    public async Task RunAsync(string subjectId, CancellationToken ct)
    {
        var parts = subjectId.Split(':');
        var outcome = await grains.GetGrain<IContractGrain>(Guid.Parse(parts[0]))
            .ReportOverdueAsync(int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(string.Join("；", outcome.Errors.Select(e => e.Message))); // Hangfire retries
        }
    }
}

public static class ContractsServiceCollectionExtensions
{
    public static IServiceCollection AddContractsFeature(this IServiceCollection services)
    {
        services.AddSingleton<Infrastructure.GrainStorage.IGrainStateProjection, ContractProjection>();
        services.AddSingleton<IContractTimers, ContractTimers>();
        services.AddSingleton<IDueWorkHandler, ContractReportDueHandler>();
        return services;
    }
}
