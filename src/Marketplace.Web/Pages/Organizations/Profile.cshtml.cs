using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Organizations;

/// <summary>
/// The public capability profile (能力档案) of an organization in the directory: what it does, its
/// certified social workers, where it was incubated, and the negative entries its district published.
/// Contact details, documents and unpublished entries stay private; organizations not 已入库 answer 404.
/// </summary>
[AllowAnonymous]
public sealed class ProfileModel(AppDbContext db) : PageModel
{
    public OrganizationView View { get; private set; } = null!;
    public IReadOnlyList<PublicOrganizationsApi.PublicNegativeEntryDto> Negative { get; private set; } = [];
    public OrganizationRatings.Rating Rating { get; private set; } = OrganizationRatings.None;

    public async Task<IActionResult> OnGetAsync(string uscc, CancellationToken ct)
    {
        var code = Uscc.Normalise(uscc);
        if (Uscc.FormatError(code) is not null || await OrganizationView.LoadAsync(db, code, ct) is not { } view ||
            view.Organization.Status != DirectoryStatus.Admitted)
        {
            return NotFound();
        }
        View = view;
        Negative = (await PublicOrganizationsApi.PublishedNegativeEntriesAsync(db, [code], ct)).GetValueOrDefault(code) ?? [];
        Rating = (await OrganizationRatings.ForAsync(db, [code], ct)).GetValueOrDefault(code) ?? OrganizationRatings.None;
        return Page();
    }
}
