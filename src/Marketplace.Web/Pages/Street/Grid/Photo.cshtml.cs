using Marketplace.Grid;
using Marketplace.Web.Features.Grid;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Grid;

/// <summary>
/// One photo of a matter, for the street that holds the matter only: a photo may show a resident's home (issue 17,
/// no resident's address public). Another street's matter, or a name the matter does not hold, is not found.
/// </summary>
public sealed class PhotoModel(CurrentTenant tenant, IGrainFactory grains, MatterPhotos photos) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string name)
    {
        if (tenant.StreetId is not { } street
            || (await grains.GetGrain<IStreetMattersGrain>(street).GetAsync()).Find(id) is not { } m
            || !m.PhotoIds.Contains(name)
            || photos.OpenRead(name) is not { } stream)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "private, no-store";
        return File(stream, name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg");
    }
}
