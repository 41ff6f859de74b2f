using System.Data.Common;
using Npgsql;

namespace Marketplace.Web.Infrastructure.Database;

/// <summary>
/// Npgsql pools up to 100 connections per process and PostgreSQL allows 100 per server (max_connections): one busy
/// process (the deadline rush at 256 connections) opened them all and the next opener, in that process or another
/// silo, got 53300 "too many clients" — a 500 to the user (bench/README.md, PostgreSQL rush). With a cap a request
/// waits for a pooled connection instead. A connection string that names its own pool size keeps it.
/// </summary>
public static class PostgresPool
{
    /// <summary>Three silos stay under the server's default of 100 with room for the operators' own sessions.</summary>
    public const int DefaultMaxPoolSize = 30;

    public static string WithDefaultCap(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var named = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal))
            .Any(k => k.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || k.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
        return named ? connectionString : new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }
}
