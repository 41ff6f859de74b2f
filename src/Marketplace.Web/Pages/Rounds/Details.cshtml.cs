using Marketplace.Web.Data;
using Marketplace.Web.Features.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Rounds;

/// <summary>A round's public page: categories, pool, cap, timeline; from 立项公示 on the funded projects and the panel.</summary>
[AllowAnonymous]
public sealed class DetailsModel(AppDbContext db, IGrainFactory grains) : PageModel
{
    public PublicRoundsApi.RoundDto Round { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await PublicRoundsApi.FindAsync(db, grains, id, ct) is not { } round)
        {
            return NotFound();
        }
        Round = round;
        return Page();
    }
}
