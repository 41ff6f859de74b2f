using Marketplace.Grid;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Grid;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Infrastructure.Verification;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Matters;

/// <summary>
/// Public, phone width: 菜单式服务 — per 村(社区), the contracted services residents can order now; an order (phone proven
/// by a text-message code, as on the report form) becomes a matter routed to the contract's organization. The page
/// shows services and organizations only, never any resident.
/// </summary>
public sealed class MenuModel(AppDbContext db, IGrainFactory grains, VerificationCodes codes, ServiceMenu menu) : PageModel
{
    public IReadOnlyList<(long Id, string Name)> Streets { get; private set; } = [];
    public string? StreetName { get; private set; }
    public IReadOnlyList<(string Community, IReadOnlyList<GridUnit> Grids)> Communities { get; private set; } = [];
    public IReadOnlyList<GridUnit> Grids { get; private set; } = [];
    public IReadOnlyList<MenuService> Services { get; private set; } = [];
    public IReadOnlyDictionary<string, string> AreaNames { get; private set; } = new Dictionary<string, string>();

    [BindProperty(SupportsGet = true)] public long Street { get; set; }
    [BindProperty(SupportsGet = true)] public string? Community { get; set; }
    [BindProperty(SupportsGet = true)] public string? Service { get; set; }
    [BindProperty] public int GridNo { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? ResidentName { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Code { get; set; }

    public bool CodeSent { get; private set; }

    /// <summary>Whether the 村(社区) asked for is one of the street's (an unknown one shows its reason instead of a menu).</summary>
    public bool CommunityKnown => Community is { Length: > 0 } c && Communities.Any(x => x.Community == c);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (Community is { Length: > 0 } && !CommunityKnown)
        {
            ModelState.AddModelError(nameof(Community), "该村(社区)不在本街道，请重新选择");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSendCodeAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (await codes.RequestAsync(Phone, ct) is { } refused)
        {
            ModelState.AddOutcome([refused]);
        }
        else
        {
            CodeSent = true;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!CommunityKnown)
        {
            ModelState.AddModelError(nameof(Community), "该村(社区)不在本街道，请重新选择");
            return Page();
        }
        if (Grids.All(g => g.No != GridNo))
        {
            ModelState.AddModelError(nameof(GridNo), "请选择所在网格");
            return Page();
        }
        if (ServiceMenu.Parse(Service) is not { } chosen)
        {
            ModelState.AddModelError(nameof(Service), "请选择服务项目");
            return Page();
        }
        if (!await codes.CheckAsync(Phone?.Trim() ?? "", Code))
        {
            ModelState.AddModelError(nameof(Code), "验证码不正确或已过期，请重新获取");
            return Page();
        }
        var result = await grains.GetGrain<IStreetMattersGrain>(Street).OrderAsync(new MenuOrder(GridNo, chosen.ContractId, chosen.UnitCode,
            Place ?? "", Text ?? "", ResidentName ?? "", Phone ?? ""));
        if (!result.Succeeded)
        {
            ModelState.AddOutcome(result.Errors);
            return Page();
        }
        return RedirectToPage("Rate", new { street = Street, id = result.Value, reported = true });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Streets = (await db.Streets.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();
        if (Street == 0)
        {
            return true;
        }
        if (Streets.FirstOrDefault(s => s.Id == Street) is not { Name: { } name })
        {
            return false;
        }
        StreetName = name;
        Communities = await menu.CommunitiesAsync(Street);
        if (CommunityKnown)
        {
            Grids = Communities.Single(c => c.Community == Community).Grids;
            Services = await menu.ForStreetAsync(Street, ct);
            AreaNames = await db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        }
        return true;
    }
}
