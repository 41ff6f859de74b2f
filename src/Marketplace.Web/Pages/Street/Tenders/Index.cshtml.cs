using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Reports.Excel;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Street.Tenders;

/// <summary>The street's purchases, and its published transfer items to start one from.</summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant) : PageModel
{
    public List<TenderRow> Tenders { get; private set; } = [];
    public List<TransferItemRow> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.StreetId is not { } streetId)
        {
            return NotFound(); // no street of one's own: nothing here is the user's
        }
        Tenders = await db.Tenders.AsNoTracking().Where(t => t.StreetId == streetId).OrderByDescending(t => t.Deadline).ToListAsync(ct);
        Items = await db.TransferItems.AsNoTracking().Where(i => i.StreetId == streetId && i.Status == TransferItemStatus.Published)
            .OrderBy(i => i.Title).ToListAsync(ct);
        return Page();
    }

    /// <summary>The street's purchases as .xlsx, for the officials' own records and reporting upward.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (tenant.StreetId is not { } streetId)
        {
            return NotFound(); // no street of one's own: nothing here is the user's
        }
        var tenders = await db.Tenders.AsNoTracking().Where(t => t.StreetId == streetId).OrderByDescending(t => t.Deadline).ToListAsync(ct);
        var stream = new MemoryStream();
        XlsxWriter.Write(stream, "采购项目",
            ["项目名称", "采购方式", "最高限价（元）", "状态", "报名截止", "中标单位", "中标金额（元）", "公示截止"],
            tenders.Select(t => (IReadOnlyList<object?>)
            [
                t.Title, t.Method.Chinese(), t.Ceiling, t.Status.Chinese(), t.Deadline.ToOffset(ChinaTime.Offset).DateTime,
                t.AwardedName, t.AwardedPrice, t.PublicityEndsAt is { } pe ? WorkingDayPeriod.LastDayOf(pe) : (DateOnly?)null,
            ]));
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "tenders.xlsx");
    }
}
