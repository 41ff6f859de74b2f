using Marketplace.Domain;
using Marketplace.Reports.Excel;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure.Audit;

/// <summary>
/// 操作记录 as a page (issue 16 item 5): newest first, filtered by person, kind of record and China date,
/// and as .xlsx. The district and the street page differ only in <see cref="Scope"/>, which narrows to the
/// reader's own tenant; the view is Pages/Shared/_AuditTrail.cshtml.
/// </summary>
public abstract class AuditTrailPageModel(AppDbContext db) : PageModel
{
    private const int PageSize = 500;

    public sealed record Row(DateTimeOffset At, string User, string Role, string Action, string Kind, string Subject,
        string? Before, string? After, string? Address);

    [BindProperty(SupportsGet = true)] public string? Who { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public static IReadOnlyList<(string Key, string Label)> Kinds => AuditLabels.Filterable;

    /// <summary>The entries this reader may see; null when they have no tenant of this kind (then 404).</summary>
    protected abstract IQueryable<AuditEntry>? Scope(IQueryable<AuditEntry> all);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var stream = new MemoryStream();
        XlsxWriter.Write(stream, "操作记录", ["时间", "操作人", "角色", "操作", "对象", "编号", "变更前", "变更后", "来源地址"],
            Rows.Select(r => (IReadOnlyList<object?>)
                [r.At.ToOffset(ChinaTime.Offset).DateTime, r.User, r.Role, r.Action, r.Kind, r.Subject, r.Before, r.After, r.Address]));
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "audit.xlsx");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Scope(db.AuditEntries.AsNoTracking()) is not { } q)
        {
            return false; // no tenant of one's own: nothing here is the user's
        }
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, "日期格式不正确，请按“年-月-日”填写，已按不限日期显示。");
            (From, To) = (null, null);
        }
        if (!string.IsNullOrWhiteSpace(Who))
        {
            q = q.Where(e => e.UserName.Contains(Who.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            var prefix = Kind.Trim();
            q = q.Where(e => e.Subject.StartsWith(prefix + "/") || e.Subject.StartsWith(prefix + ":") || e.Subject == prefix);
        }
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
            q = q.Where(e => e.At >= start);
        }
        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
            q = q.Where(e => e.At < end);
        }
        var entries = await q.OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(ct);
        Rows = [.. entries.Select(e => new Row(e.At, e.UserName, AuditLabels.Role(e.Role), AuditLabels.Action(e.Action), AuditLabels.Kind(e.Subject),
            e.Subject, AuditLabels.Change(e.Subject, e.Before), AuditLabels.Change(e.Subject, e.After), e.ClientAddress))];
        return true;
    }
}
