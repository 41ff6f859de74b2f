using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.Web.Infrastructure.Database;

/// <summary>
/// Inserts many rows of a mapped entity on the context's connection and transaction: a prepared statement
/// bound again per row on SQLite, multi-row <c>INSERT … VALUES (…), (…)</c> statements on PostgreSQL. Table, column names and value conversions (ticks on SQLite,
/// fen for Money) come from the EF model, so it writes exactly what SaveChanges would, on either database,
/// without tracking each entity: for hot append-only paths where the change tracker is most of the cost.
/// </summary>
public static class MultiRowInsert
{
    /// <summary>Under PostgreSQL's limit of 65,535 parameters per statement, with room to spare.</summary>
    private const int MaxParametersPerStatement = 16_000;

    public static async Task InsertAsync<T>(this DbContext db, IReadOnlyList<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetTypeMapping())).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        object? Value(int column, T row) => columns[column].Property.GetGetter().GetClrValue(row);
        if (db.Database.IsSqlite())
        {
            // In process there is no round trip to save: one prepared single-row statement, bound again for
            // each row, is SQLite's fastest way in.
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = head + "(" + string.Join(", ", columns.Select((_, c) => $"@p{c}")) + ")";
            var parameters = columns.Select((column, c) =>
                insert.Parameters[insert.Parameters.Add(column.Mapping.CreateParameter(insert, $"@p{c}", null, column.Property.IsNullable))]).ToArray();
            insert.Prepare();
            foreach (var row in rows)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    var value = Value(c, row);
                    parameters[c].Value = (value is null ? null : columns[c].Mapping.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
                }
                await insert.ExecuteNonQueryAsync(ct);
            }
            return;
        }
        // PostgreSQL: many rows per statement, few round trips.
        var perStatement = Math.Max(1, MaxParametersPerStatement / columns.Count);
        foreach (var chunk in rows.Chunk(perStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"@p{r}_{c}";
                    command.Parameters.Add(columns[c].Mapping.CreateParameter(command, name, Value(c, chunk[r]), columns[c].Property.IsNullable));
                    text.Append(c == 0 ? name : ", " + name);
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
