using Marketplace.Web.Features.Ratings;
using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Infrastructure.Jobs;

namespace Marketplace.Web.Features.Contracts;

/// <summary>
/// Report due dates and reminders as scheduled work (subject "{contractId}:{trancheNo}:{round}"), staged for
/// the contract's next state write and stored in its transaction (docs/decisions/0011).
/// </summary>
public sealed class ContractTimers(StagedDueWork staged) : IContractTimers
{
    public Task ScheduleReportDueAsync(Guid contractId, int trancheNo, int round, DateTimeOffset dueAt)
    {
        staged.Stage<ContractState>(contractId, IContractTimers.ReportDueKind, Subject(contractId, trancheNo, round), dueAt);
        return Task.CompletedTask;
    }

    public Task ScheduleReportReminderAsync(Guid contractId, int trancheNo, int round, DateTimeOffset remindAt)
    {
        staged.Stage<ContractState>(contractId, IContractTimers.ReportReminderKind, Subject(contractId, trancheNo, round), remindAt);
        return Task.CompletedTask;
    }

    private static string Subject(Guid contractId, int trancheNo, int round) =>
        string.Create(CultureInfo.InvariantCulture, $"{contractId}:{trancheNo}:{round}");

    /// <summary>The contract and its tranche and round from a subject "{contractId}:{trancheNo}:{round}".</summary>
    internal static (Guid Contract, int TrancheNo, int Round) Parse(string subjectId)
    {
        var parts = subjectId.Split(':');
        return (Guid.Parse(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}

/// <summary>At a report's due date: the grain fails an evaluation with no report, once; a second run or an early one does nothing.</summary>
public sealed class ContractReportDueHandler(IGrainFactory grains) : IDueWorkHandler
{
    public string Kind => IContractTimers.ReportDueKind;

    public async Task RunAsync(string subjectId, CancellationToken ct)
    {
        var (contract, tranche, round) = ContractTimers.Parse(subjectId);
        ThrowIfFailed(await grains.GetGrain<IContractGrain>(contract).ReportOverdueAsync(tranche, round));
    }

    internal static void ThrowIfFailed(Marketplace.Domain.Outcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(string.Join("；", outcome.Errors.Select(e => e.Message))); // Hangfire retries
        }
    }
}

/// <summary>Some days before a report's due date: the grain reminds the organization once; a second run does nothing.</summary>
public sealed class ContractReportReminderHandler(IGrainFactory grains) : IDueWorkHandler
{
    public string Kind => IContractTimers.ReportReminderKind;

    public async Task RunAsync(string subjectId, CancellationToken ct)
    {
        var (contract, tranche, round) = ContractTimers.Parse(subjectId);
        ContractReportDueHandler.ThrowIfFailed(await grains.GetGrain<IContractGrain>(contract).RemindReportAsync(tranche, round));
    }
}

public static class ContractsServiceCollectionExtensions
{
    public static IServiceCollection AddContractsFeature(this IServiceCollection services)
    {
        services.AddSingleton<Infrastructure.GrainStorage.IGrainStateProjection, ContractProjection>();
        services.AddSingleton<IContractTimers, ContractTimers>();
        services.AddSingleton<IDueWorkHandler, ContractReportDueHandler>();
        services.AddSingleton<IDueWorkHandler, ContractReportReminderHandler>();
        services.AddResidentRatings();
        return services;
    }
}
