using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure.Pages;

/// <summary>
/// Reference data written by pages without a grain (ARCHITECTURE.md, "Writes that do not go through a
/// grain") is guarded by a <c>Version</c> concurrency token: the form carries the version it was read at,
/// the update names it in its WHERE clause, and a save over someone else's change is refused whole.
/// </summary>
public static class ReferenceDataWrites
{
    public const string StaleMessage = "该记录已被他人修改，请刷新后再改";

    /// <summary>
    /// Makes the save of <paramref name="entity"/> succeed only if its stored version is still
    /// <paramref name="formVersion"/> (the one the form was read at), and moves the version on.
    /// </summary>
    public static void ExpectVersion(this AppDbContext db, IVersioned entity, int formVersion)
    {
        db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = formVersion;
        entity.Version = formVersion + 1;
    }

    /// <summary>
    /// Saves; a stale version goes to the top of the page (<see cref="StaleMessage"/>) and a duplicate key
    /// (a second add of the same code or name, a first save made twice at once) beside
    /// <paramref name="duplicateField"/>. Either way nothing is written and the tracked changes are dropped.
    /// </summary>
    public static async Task<bool> TrySaveAsync(this AppDbContext db, ModelStateDictionary modelState,
        string duplicateField, string duplicateMessage, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            modelState.AddModelError(string.Empty, StaleMessage);
        }
        catch (DbUpdateException)
        {
            modelState.AddModelError(duplicateField, duplicateMessage);
        }
        db.ChangeTracker.Clear();
        return false;
    }
}
