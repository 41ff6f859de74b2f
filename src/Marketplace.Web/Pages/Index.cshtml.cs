using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Features.Contracts;
using Marketplace.Web.Features.Disclosure;
using Marketplace.Web.Features.Organizations;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages;

/// <summary>
/// The public portal's home (阳光政务, no login): what is open now, recent awards and contracts, each street's
/// budget against the floor and the best-rated organizations, with staff shortcuts for a signed-in user.
/// </summary>
public sealed class IndexModel(AppDbContext db, IGrainFactory grains, TimeProvider clock) : PageModel
{
    public int BudgetYear { get; private set; }
    public List<PortalQueries.OpenItem> Open { get; private set; } = [];
    public IReadOnlyList<PortalQueries.AwardItem> Awards { get; private set; } = [];
    public IReadOnlyList<PublicContractsApi.ContractDto> Contracts { get; private set; } = [];
    public IReadOnlyList<BudgetQueries.StreetYear> Budgets { get; private set; } = [];
    public List<DirectoryQueries.Item> BestRated { get; private set; } = [];
    public List<(long Id, string Name)> Districts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        BudgetYear = BudgetQueries.CurrentYear(clock);
        var all = new PortalQueries.Scope(null, null);
        Open = await PortalQueries.OpenAsync(db, grains, all, now, ct);
        Awards = await PortalQueries.RecentAwardsAsync(db, all, 5, ct);
        Contracts = await PortalQueries.RecentContractsAsync(db, all, 5, ct);
        Budgets = await PortalQueries.BudgetsAsync(db, null, BudgetYear, ct);
        BestRated = await PortalDirectory.BestRatedAsync(db, null, null, 5, ct);
        Districts = [.. (await db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Name))];
    }
}
