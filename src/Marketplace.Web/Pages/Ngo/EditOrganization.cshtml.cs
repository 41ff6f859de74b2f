using System.Globalization;
using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Ngo;

/// <summary>The NGO edits its own profile (e.g. after a return, before resubmitting). The code itself cannot change.</summary>
public sealed class EditOrganizationModel(AppDbContext db, IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    [BindProperty] public OrganizationForm Input { get; set; } = new();
    [BindProperty] public string? Version { get; set; }

    public OrganizationFormChoices Choices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await CurrentAsync() is not { Profile: { } profile } state)
        {
            return NotFound();
        }
        Input = OrganizationForm.From(state.Uscc, profile);
        Version = state.Version.ToString(CultureInfo.InvariantCulture);
        Choices = await OrganizationFormChoices.LoadAsync(db, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await CurrentAsync() is not { } state)
        {
            return NotFound();
        }
        Choices = await OrganizationFormChoices.LoadAsync(db, ct);
        Input.Uscc = state.Uscc;
        var profile = Input.ToProfile(ModelState, nameof(Input));
        if (profile is null || !ModelState.IsValid)
        {
            return Page();
        }
        if (!int.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            ModelState.AddModelError(string.Empty, "页面已过期，请刷新后重新编辑");
            return Page();
        }
        var result = await grains.GetGrain<IOrganizationGrain>(state.Uscc).UpdateProfileAsync(version, profile, User.Identity!.Name!);
        if (!result.Succeeded)
        {
            OrganizationForm.AddErrors(ModelState, nameof(Input), result.Errors);
            return Page();
        }
        TempData["Message"] = "资料已保存";
        return RedirectToPage("/Ngo/Organization");
    }

    private async Task<OrganizationState?> CurrentAsync() =>
        tenant.Uscc is { } uscc ? await grains.GetGrain<IOrganizationGrain>(uscc).GetAsync() : null;
}
