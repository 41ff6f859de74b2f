using System.Collections.Immutable;
using Marketplace.Tendering;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Marketplace.Web.Infrastructure.Pages;

namespace Marketplace.Web.Pages.District.Experts;

/// <summary>The district's expert pool (评审专家库): name, field, employer, ties to organizations.</summary>
public sealed class IndexModel(IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public ImmutableArray<Expert> Experts { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Field { get; set; }
    [BindProperty] public string? Employer { get; set; }
    [BindProperty] public string? EmployerUscc { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Ties { get; set; }

    private IExpertPoolGrain Pool => grains.GetGrain<IExpertPoolGrain>(tenant.DistrictId ?? 0);

    public async Task OnGetAsync() => Experts = await Pool.GetExpertsAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        ModelState.Clear();
        var ties = (Ties ?? "").Split(['、', ',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await Pool.AddAsync(new ExpertDraft(Name ?? "", Field ?? "", Employer ?? "", EmployerUscc, UserName, null, [.. ties]));
        if (!result.Succeeded)
        {
            ModelState.AddOutcome(result.Errors, form: GetType());
            Experts = await Pool.GetExpertsAsync();
            return Page();
        }
        TempData["Notice"] = "专家已加入专家库";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid expertId)
    {
        var expert = (await Pool.GetExpertsAsync()).FirstOrDefault(e => e.Id == expertId);
        if (expert is null)
        {
            return NotFound();
        }
        await Pool.SetActiveAsync(expertId, !expert.Active);
        return RedirectToPage();
    }
}
