using Marketplace.Grid;
using Marketplace.Rounds;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Street.Needs;

/// <summary>
/// 需求清单: what the street's 村(社区) keep reporting (<see cref="NeedsList.Find"/> under the street's own threshold); the
/// official 确认 a need for purchase planning or 不予采纳 it with a reason.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant, IGrainFactory grains) : PageModel
{
    public StreetNeedsView View { get; private set; } = new(NeedThreshold.Default, []);
    public IReadOnlyDictionary<string, string> AreaNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>The street's purchases a confirmed need can be linked to, as "{kind}:{id}" and their titles.</summary>
    public IReadOnlyList<(string Value, string Title)> Purchases { get; private set; } = [];

    /// <summary>The titles of linked purchases, by "{kind}:{id}".</summary>
    public IReadOnlyDictionary<string, string> PurchaseTitles => Purchases.ToDictionary(p => p.Value, p => p.Title);

    [BindProperty] public string? Community { get; set; }
    [BindProperty] public string? ServiceAreaCode { get; set; }
    [BindProperty] public NeedDecision Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int MinMatters { get; set; }
    [BindProperty] public int Days { get; set; }
    [BindProperty] public string? Link { get; set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public Task<IActionResult> OnPostReviewAsync(CancellationToken ct) =>
        RunAsync(g => g.ReviewNeedAsync(Community ?? "", ServiceAreaCode ?? "", Decision, Reason ?? "", tenant.DisplayName),
            Decision == NeedDecision.Confirmed ? "需求已确认，可在采购项目中关联" : "已记录不予采纳及理由", ct);

    public Task<IActionResult> OnPostThresholdAsync(CancellationToken ct) =>
        RunAsync(g => g.SetNeedThresholdAsync(new NeedThreshold(MinMatters, Days), tenant.DisplayName), "需求认定标准已保存", ct);

    public Task<IActionResult> OnPostLinkAsync(CancellationToken ct) =>
        RunAsync(g => g.LinkNeedAsync(Community ?? "", ServiceAreaCode ?? "", ParseLink(Link)!, tenant.DisplayName), "已关联，项目公开页将显示其回应的群众需求", ct);

    public static string ValueOf(NeedLink link) => $"{link.Kind}:{link.Id:N}";

    private static NeedLink? ParseLink(string? value) =>
        value?.Split(':', 2) is [var kind, var id] && Enum.TryParse<NeedLinkKind>(kind, out var k) && Enum.IsDefined(k) && Guid.TryParseExact(id, "N", out var g)
            ? new NeedLink(k, g) : null;

    private async Task<IActionResult> RunAsync(Func<IStreetMattersGrain, Task<Marketplace.Domain.Outcome>> command, string done, CancellationToken ct)
    {
        if (tenant.StreetId is not { } street)
        {
            return NotFound();
        }
        var outcome = await command(grains.GetGrain<IStreetMattersGrain>(street));
        if (outcome.Succeeded)
        {
            TempData["Notice"] = done;
            return RedirectToPage();
        }
        ModelState.AddOutcome(outcome.Errors);
        return await ShowAsync(ct, keepThreshold: true);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct, bool keepThreshold = false)
    {
        if (tenant.StreetId is not { } street)
        {
            return NotFound();
        }
        View = await grains.GetGrain<IStreetMattersGrain>(street).GetNeedsAsync();
        if (!keepThreshold)
        {
            (MinMatters, Days) = (View.Threshold.MinMatters, View.Threshold.Days);
        }
        AreaNames = await db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        if (View.Needs.Any(n => n.Review?.Decision == NeedDecision.Confirmed))
        {
            var items = await db.TransferItems.AsNoTracking().Where(i => i.StreetId == street).OrderBy(i => i.Title).Select(i => new { i.Id, i.Title }).ToListAsync(ct);
            // Ordered here: SQLite cannot order by a DateTimeOffset column.
            var tenders = (await db.Tenders.AsNoTracking().Where(t => t.StreetId == street && t.Status != TenderStatus.Cancelled)
                .Select(t => new { t.Id, t.Title, t.Deadline }).ToListAsync(ct)).OrderByDescending(t => t.Deadline);
            var rounds = (await grains.GetGrain<IVentureRoundListGrain>(tenant.DistrictId ?? 0).ListAsync()).Where(r => r.Organizer.StreetId == street);
            Purchases =
            [
                .. items.Select(i => (ValueOf(new(NeedLinkKind.TransferItem, i.Id)), "购买服务事项：" + i.Title)),
                .. tenders.Select(t => (ValueOf(new(NeedLinkKind.Tender, t.Id)), "采购项目：" + t.Title)),
                .. rounds.Select(r => (ValueOf(new(NeedLinkKind.Round, r.Id)), "公益创投：" + r.Title)),
            ];
        }
        return Page();
    }
}
