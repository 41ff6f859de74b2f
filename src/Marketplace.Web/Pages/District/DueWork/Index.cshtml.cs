using Marketplace.Contracts;
using Marketplace.Rounds;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.District.DueWork;

/// <summary>
/// 到期事项: the timed work of the admin's own district still to run (报名截止, 公示结束, 报告提交期限, and a
/// 公益创投 round's 申报截止, 立项公示结束 and 签约期限), read from ScheduledWork — the truth the job queue is rebuilt
/// from — in China time with Chinese labels, each with its purchase's or round's title.
/// The Hangfire dashboard stays for operators.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant, IGrainFactory grains) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [ITenderTimers.CloseKind] = "报名截止", [ITenderTimers.PublicityEndKind] = "公示结束", [IContractTimers.ReportDueKind] = "报告提交期限",
        [IRoundTimers.CloseKind] = "创投申报截止", [IRoundTimers.PublicityEndKind] = "立项公示结束", [IRoundTimers.SigningDueKind] = "创投项目签约期限",
    };

    /// <summary>One timed entry; <paramref name="Link"/> is the purchase's district page or the round's page.</summary>
    public sealed record Row(string Label, string Title, string Street, string Link, DateTimeOffset DueAt, int Attempts, string? LastError);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound(); // no district of one's own: nothing here is the user's
        }
        var kinds = Labels.Keys.ToList();
        var work = await db.ScheduledWork.AsNoTracking().Where(w => w.CompletedAt == null && kinds.Contains(w.Kind)).ToListAsync(ct);
        var ids = work.Select(SubjectOf).Where(g => g != Guid.Empty).Distinct().ToList();
        var tenders = await db.Tenders.AsNoTracking().Where(t => t.DistrictId == districtId && ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Title, t.StreetId }).ToDictionaryAsync(t => t.Id, ct);
        var streets = await db.Streets.AsNoTracking().Where(s => s.DistrictId == districtId).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        // Rounds have no read model: the district's list grain names them (one call), so another district's never shows.
        var rounds = work.Any(w => w.Kind.StartsWith("round.", StringComparison.Ordinal))
            ? (await grains.GetGrain<IVentureRoundListGrain>(districtId).ListAsync()).ToDictionary(r => r.Id)
            : new Dictionary<Guid, RoundSummary>();
        Rows = [.. work
            .Select(w => (w, id: SubjectOf(w)))
            .Select(x => tenders.TryGetValue(x.id, out var t)
                ? new Row(Labels[x.w.Kind], t.Title, streets.GetValueOrDefault(t.StreetId, ""), $"/District/Tenders/Details/{t.Id}", x.w.DueAt, x.w.Attempts, x.w.LastError)
                : rounds.TryGetValue(x.id, out var r) && x.w.Kind.StartsWith("round.", StringComparison.Ordinal)
                    ? new Row(Labels[x.w.Kind], r.Title, r.Organizer.StreetId is { } st ? streets.GetValueOrDefault(st, "") : "区级（多街道）", $"/Rounds/{r.Id}",
                        x.w.DueAt, x.w.Attempts, x.w.LastError)
                    : null)
            .OfType<Row>()
            .OrderBy(r => r.DueAt)];
        return Page();
    }

    /// <summary>
    /// Tender work is keyed by the tender id, contract work by "{contract id}:{tranche}:{round}" (contract id = tender id),
    /// round work by the round id or "{round id}:{application id}".
    /// </summary>
    private static Guid SubjectOf(Data.Entities.ScheduledWork w) => Guid.TryParse(w.SubjectId.Split(':')[0], out var g) ? g : Guid.Empty;
}
