using Marketplace.Web.Data;
using Marketplace.Web.Features.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Contracts;

/// <summary>Public list of signed contracts and their tranches: the same query as GET /api/public/contracts.</summary>
[AllowAnonymous]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public List<PublicContractsApi.ContractDto> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await PublicContractsApi.QueryAsync(db, Year, null, null, ct);
}
