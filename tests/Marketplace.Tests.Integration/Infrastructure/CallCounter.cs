using System.Collections.Concurrent;
using System.Data.Common;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Infrastructure;

/// <summary>
/// Counts what one request costs inside the real app: every grain call the silo receives (web → grain
/// and grain → grain), every database command EF sends, and every transaction committed on an EF
/// connection (the submission log's multi-row insert runs raw on such a transaction, so it shows there,
/// not as commands). One counter per host; the host must be otherwise quiet while
/// <see cref="MeasureAsync"/> runs (a class fixture of its own).
/// </summary>
public sealed class CallCounter : DbCommandInterceptor, IIncomingGrainCallFilter
{
    private ConcurrentQueue<string> _grainCalls = new();
    private ConcurrentQueue<string> _commands = new();
    private readonly Commits _commits = new();

    /// <summary>Adds the grain call filter and the EF interceptor to the app's services.</summary>
    public void Register(IServiceCollection services)
    {
        services.AddSingleton<IIncomingGrainCallFilter>(this);
        services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(this, _commits));
        services.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(this, _commits));
    }

    /// <summary>Runs <paramref name="request"/> and returns the grain calls ("ITenderGrain.PublishAsync") and SQL commands it caused.</summary>
    public async Task<(T Result, Calls Calls)> MeasureAsync<T>(Func<Task<T>> request)
    {
        Interlocked.Exchange(ref _grainCalls, new());
        Interlocked.Exchange(ref _commands, new());
        Interlocked.Exchange(ref _commits.Count, 0);
        var result = await request();
        return (result, new([.. Interlocked.Exchange(ref _grainCalls, new())], [.. Interlocked.Exchange(ref _commands, new())],
            Interlocked.Exchange(ref _commits.Count, 0)));
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // Only the product's grains: Orleans' own system grains (membership, directory) are not a page's cost.
        if (context.InterfaceMethod.DeclaringType?.Namespace?.StartsWith("Marketplace", StringComparison.Ordinal) == true)
        {
            _grainCalls.Enqueue($"{context.InterfaceMethod.DeclaringType.Name}.{context.InterfaceMethod.Name}");
        }
        await context.Invoke();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Count(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Count(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Count(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Count(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Count(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Count(command, result));

    private T Count<T>(DbCommand command, T result)
    {
        _commands.Enqueue(command.CommandText);
        return result;
    }

    private sealed class Commits : DbTransactionInterceptor
    {
        public int Count;

        public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
            Interlocked.Increment(ref Count);

        public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return Task.CompletedTask;
        }
    }

    /// <summary>What one request caused, in order.</summary>
    public sealed record Calls(IReadOnlyList<string> GrainCalls, IReadOnlyList<string> Commands, int Transactions)
    {
        public override string ToString() =>
            $"{GrainCalls.Count} grain calls [{string.Join(", ", GrainCalls)}], {Transactions} transactions, {Commands.Count} database commands"
            + string.Concat(Commands.Select(c => "\n    " + Short(c)));

        private static string Short(string sql)
        {
            var line = sql.ReplaceLineEndings(" ");
            return line.Length <= 160 ? line : line[..160];
        }
    }
}
