using Marketplace.Catalog;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.GrainStorage;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Catalog;

/// <summary>Mirrors a street catalog grain's items into the TransferItems table.</summary>
public sealed class CatalogProjection : GrainStateProjection<StreetCatalogState>
{
    protected override async Task ProjectAsync(AppDbContext db, GrainId grainId, StreetCatalogState state, CancellationToken ct)
    {
        var streetId = grainId.GetIntegerKey();
        var districtId = await db.Streets.Where(s => s.Id == streetId).Select(s => s.DistrictId).SingleAsync(ct);
        var rows = await db.TransferItems.Where(r => r.StreetId == streetId).ToDictionaryAsync(r => r.Id, ct);
        foreach (var item in state.Items.Values)
        {
            if (rows.TryGetValue(item.Id, out var row))
            {
                if (row.Version != item.Version)
                {
                    Copy(item, row);
                }
            }
            else
            {
                var added = new TransferItemRow
                {
                    Id = item.Id, StreetId = streetId, DistrictId = districtId, Title = "", Content = "",
                    ProviderTypes = "", Requirements = "", Materials = "", ServiceAreaCode = "", UpdatedBy = "",
                };
                Copy(item, added);
                db.TransferItems.Add(added);
            }
        }
        db.TransferItems.RemoveRange(rows.Values.Where(r => !state.Items.ContainsKey(r.Id)));
    }

    private static void Copy(TransferItem item, TransferItemRow row)
    {
        var f = item.Fields;
        row.Title = f.Title;
        row.Content = f.Content;
        row.ProviderTypes = string.Join(',', f.ProviderTypes);
        row.Requirements = f.Requirements;
        row.Materials = f.Materials;
        row.ServiceAreaCode = f.ServiceAreaCode;
        row.ReferenceBudget = f.ReferenceBudget;
        row.Nature = f.Nature;
        row.GuidingEntryCode = f.GuidingEntryCode;
        row.Status = item.Status;
        row.Version = item.Version;
        row.CreatedAt = item.CreatedAt;
        row.UpdatedAt = item.UpdatedAt;
        row.PublishedAt = item.PublishedAt;
        row.UpdatedBy = item.UpdatedBy;
    }
}
