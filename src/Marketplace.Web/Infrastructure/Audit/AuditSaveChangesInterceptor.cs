using System.Globalization;
using Marketplace.Web.Data.Configurations;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Infrastructure.Audit;

/// <summary>
/// The audit of writes pages make with EF Core (reference data without a grain: budget policy and floor,
/// funding-source rules, guiding catalogue, incubation bases; ARCHITECTURE "Writes that do not go through
/// a grain"): one entry per changed row, added to the same SaveChanges, so to the same transaction. Also
/// keeps the audit table append-only: an update or delete of an entry is refused.
/// </summary>
public sealed class AuditSaveChangesInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Audited =
        [typeof(DistrictBudgetPolicyRow), typeof(FundingSourceRuleRow), typeof(GuidingCatalogEntry), typeof(IncubationBase)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? db)
    {
        if (db is null)
        {
            return;
        }
        db.ChangeTracker.DetectChanges();
        if (db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only.");
        }
        if (AuditActor.From(http.HttpContext) is not { } actor)
        {
            return;
        }
        var changed = db.ChangeTracker.Entries()
            .Where(e => Audited.Contains(e.Metadata.ClrType) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in changed)
        {
            var (before, after) = Describe(entry);
            if (entry.State == EntityState.Modified && before.Length == 0)
            {
                continue; // saved unchanged
            }
            db.Add(new AuditEntry
            {
                At = clock.GetUtcNow(), UserName = actor.UserName, Role = actor.Role, ClientAddress = actor.ClientAddress,
                DistrictId = entry.Properties.FirstOrDefault(p => p.Metadata.Name == "DistrictId")?.CurrentValue as long? ?? actor.DistrictId,
                StreetId = actor.StreetId,
                Action = $"{entry.Metadata.GetTableName()}.{entry.State}", Subject = Subject(entry),
                Before = AuditText.Clip(before.Length == 0 ? null : before), After = AuditText.Clip(after.Length == 0 ? null : after),
            });
        }
    }

    /// <summary>Changed fields of an edit; every field of an addition (after) or a removal (before).</summary>
    private static (string Before, string After) Describe(EntityEntry entry)
    {
        // Bookkeeping columns (who/when of the row, the optimistic-concurrency version) are not what was changed.
        var fields = entry.Properties.Where(p => !p.Metadata.IsPrimaryKey() && entry.State switch
        {
            EntityState.Modified => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue),
            _ => true,
        }).Where(p => p.Metadata.Name is not ("UpdatedAt" or "UpdatedBy") && !p.Metadata.IsConcurrencyToken).ToList();
        string Join(Func<PropertyEntry, object?> value) => string.Join("；", fields.Select(p => $"{p.Metadata.Name}={Text(value(p))}"));
        return entry.State switch
        {
            EntityState.Added => ("", Join(p => p.CurrentValue)),
            EntityState.Deleted => (Join(p => p.OriginalValue), ""),
            _ => (Join(p => p.OriginalValue), Join(p => p.CurrentValue)),
        };
    }

    private static string Subject(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name))
            .Where(p => !p.IsTemporary).Select(p => Text(p.CurrentValue)).ToList() ?? [];
        return key.Count == 0 ? entry.Metadata.GetTableName() ?? "" : $"{entry.Metadata.GetTableName()}:{string.Join(",", key)}";
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
