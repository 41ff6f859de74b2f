using Marketplace.Contracts;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.District.DueWork;

/// <summary>
/// 到期事项: the timed work of the admin's own district still to run (报名截止, 公示结束, 报告提交期限),
/// read from ScheduledWork — the truth the job queue is rebuilt from — in China time with Chinese labels.
/// The Hangfire dashboard stays for operators.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [ITenderTimers.CloseKind] = "报名截止", [ITenderTimers.PublicityEndKind] = "公示结束", [IContractTimers.ReportDueKind] = "报告提交期限",
    };

    public sealed record Row(string Label, string Title, string Street, Guid TenderId, DateTimeOffset DueAt, int Attempts, string? LastError);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound(); // no district of one's own: nothing here is the user's
        }
        var kinds = Labels.Keys.ToList();
        var work = await db.ScheduledWork.AsNoTracking().Where(w => w.CompletedAt == null && kinds.Contains(w.Kind)).ToListAsync(ct);
        var ids = work.Select(TenderOf).Where(g => g != Guid.Empty).Distinct().ToList();
        var tenders = await db.Tenders.AsNoTracking().Where(t => t.DistrictId == districtId && ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Title, t.StreetId }).ToDictionaryAsync(t => t.Id, ct);
        var streets = await db.Streets.AsNoTracking().Where(s => s.DistrictId == districtId).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        Rows = [.. work
            .Where(w => tenders.ContainsKey(TenderOf(w)))
            .Select(w => (w, t: tenders[TenderOf(w)]))
            .Select(x => new Row(Labels[x.w.Kind], x.t.Title, streets.GetValueOrDefault(x.t.StreetId, ""), x.t.Id, x.w.DueAt, x.w.Attempts, x.w.LastError))
            .OrderBy(r => r.DueAt)];
        return Page();
    }

    /// <summary>Tender work is keyed by the tender id, contract work by "{contract id}:{tranche}:{round}" (contract id = tender id).</summary>
    private static Guid TenderOf(Data.Entities.ScheduledWork w) => Guid.TryParse(w.SubjectId.Split(':')[0], out var g) ? g : Guid.Empty;
}
