using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Features.Contracts;
using Marketplace.Web.Features.Disclosure;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Rounds;
using Marketplace.Web.Features.Tendering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Districts;

/// <summary>One district's disclosure page (no login): its streets' budgets against the floor, what is open, purchases, rounds, contracts and the directory.</summary>
[AllowAnonymous]
public sealed class DetailsModel(AppDbContext db, IGrainFactory grains, TimeProvider clock) : PageModel
{
    public long DistrictId { get; private set; }
    public string District { get; private set; } = "";
    public int BudgetYear { get; private set; }
    public List<PortalQueries.OpenItem> Open { get; private set; } = [];
    public IReadOnlyList<BudgetQueries.StreetYear> Budgets { get; private set; } = [];
    public List<PortalQueries.AwardItem> Awards { get; private set; } = [];
    public List<PublicContractsApi.ContractDto> Contracts { get; private set; } = [];
    public PublicTenderQueries.Result Tenders { get; private set; } = default!;
    public List<PublicRoundsApi.RoundDto> Rounds { get; private set; } = [];
    public IReadOnlyList<DirectoryQueries.Item> Directory { get; private set; } = [];
    public Dictionary<string, List<PublicOrganizationsApi.PublicNegativeEntryDto>> Negative { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var district = await db.Districts.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.Id, Name = d.City + d.Name }).SingleOrDefaultAsync(ct);
        if (district is null)
        {
            return NotFound();
        }
        (DistrictId, District) = (district.Id, district.Name);
        BudgetYear = BudgetQueries.CurrentYear(clock);
        var scope = new PortalQueries.Scope(DistrictId, null);
        Open = await PortalQueries.OpenAsync(db, grains, scope, clock.GetUtcNow(), ct);
        Budgets = await PortalQueries.BudgetsAsync(db, DistrictId, BudgetYear, ct);
        Awards = await PortalQueries.RecentAwardsAsync(db, scope, 10, ct);
        Contracts = await PortalQueries.RecentContractsAsync(db, scope, 10, ct);
        Rounds = await PublicRoundsApi.QueryAsync(db, grains, null, DistrictId, ct);
        // The public tender list filters by street; the district page shows the first page of each street's.
        var rows = new List<PublicTenderQueries.Row>();
        foreach (var street in Budgets.Select(b => b.StreetId))
        {
            rows.AddRange((await PublicTenderQueries.SearchAsync(db, new PublicTenderQueries.Filter(null, street, null, null, null, 1), ct)).Rows);
        }
        Tenders = new PublicTenderQueries.Result(rows, rows.Count, 1, 1);
        (Directory, Negative) = await PortalDirectory.ListAsync(db, DistrictId, null, ct);
        return Page();
    }
}
