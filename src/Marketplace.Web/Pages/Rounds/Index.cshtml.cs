using Marketplace.Web.Data;
using Marketplace.Web.Features.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Rounds;

/// <summary>Public list of 公益创投 rounds: the same read as GET /api/public/rounds.</summary>
[AllowAnonymous]
public sealed class IndexModel(AppDbContext db, IGrainFactory grains) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public List<PublicRoundsApi.RoundDto> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await PublicRoundsApi.QueryAsync(db, grains, Year, null, ct);
}
