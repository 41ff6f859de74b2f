using Marketplace.Web.Data;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Features.Catalog;
using Marketplace.Web.Features.Contracts;
using Marketplace.Web.Features.Disclosure;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Rounds;
using Marketplace.Web.Features.Tendering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Streets;

/// <summary>
/// One street's disclosure page (no login): published services, purchases and rounds with their timelines,
/// 公示 running, contracts with tranches paid and grades, budget execution with its PDF, the district's directory.
/// </summary>
[AllowAnonymous]
public sealed class DetailsModel(AppDbContext db, CatalogSnapshot catalog, IGrainFactory grains, TimeProvider clock) : PageModel
{
    public long StreetId { get; private set; }
    public string Street { get; private set; } = "";
    public long DistrictId { get; private set; }
    public string District { get; private set; } = "";
    public int BudgetYear { get; private set; }
    public List<PortalQueries.OpenItem> Open { get; private set; } = [];
    public CatalogQueries.Page Services { get; private set; } = default!;
    public PublicTenderQueries.Result Tenders { get; private set; } = default!;
    public List<PublicRoundsApi.RoundDto> Rounds { get; private set; } = [];
    public List<PublicContractsApi.ContractDto> Contracts { get; private set; } = [];
    public BudgetQueries.StreetYear? Budget { get; private set; }
    public IReadOnlyList<DirectoryQueries.Item> Directory { get; private set; } = [];
    public Dictionary<string, List<PublicOrganizationsApi.PublicNegativeEntryDto>> Negative { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var street = await db.Streets.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Id, s.Name, s.DistrictId, District = s.District!.Name }).SingleOrDefaultAsync(ct);
        if (street is null)
        {
            return NotFound();
        }
        (StreetId, Street, DistrictId, District) = (street.Id, street.Name, street.DistrictId, street.District);
        BudgetYear = BudgetQueries.CurrentYear(clock);
        Open = await PortalQueries.OpenAsync(db, grains, new PortalQueries.Scope(DistrictId, StreetId), clock.GetUtcNow(), ct);
        Services = await CatalogQueries.SearchPublishedAsync(catalog, StreetId, null, null, 1, ct);
        Tenders = await PublicTenderQueries.SearchAsync(db, new PublicTenderQueries.Filter(null, StreetId, null, null, null, 1), ct);
        Rounds = [.. (await PublicRoundsApi.QueryAsync(db, grains, null, DistrictId, ct)).Where(r => r.StreetId == StreetId || r.StreetId == null)];
        Contracts = await PublicContractsApi.QueryAsync(db, null, null, StreetId, ct);
        Budget = await BudgetQueries.StreetAsync(db, StreetId, BudgetYear, ct);
        (Directory, Negative) = await PortalDirectory.ListAsync(db, DistrictId, StreetId, ct);
        return Page();
    }
}
