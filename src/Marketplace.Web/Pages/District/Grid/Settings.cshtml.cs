using Marketplace.Grid;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.District.Grid;

/// <summary>The district's working-day limits for matters per tier (默认：村(社区) 当日答复/3日办结，街道部门 当日受理/5日办结，街道以上 1日上报).</summary>
public sealed class SettingsModel(CurrentTenant tenant, IGrainFactory grains) : PageModel
{
    [BindProperty] public MatterTierLimits Limits { get; set; } = MatterTierLimits.Default;

    public async Task<IActionResult> OnGetAsync()
    {
        if (tenant.DistrictId is not { } district)
        {
            return NotFound();
        }
        Limits = await grains.GetGrain<IDistrictGridSettingsGrain>(district).GetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (tenant.DistrictId is not { } district)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            ModelState.Clear();
            ModelState.AddModelError("", "期限应填写0至30的整数");
            return Page();
        }
        var outcome = await grains.GetGrain<IDistrictGridSettingsGrain>(district).SetAsync(Limits, tenant.DisplayName);
        if (outcome.Succeeded)
        {
            TempData["Notice"] = "处置期限已保存，之后分派的事项按新期限计算";
            return RedirectToPage();
        }
        ModelState.Clear(); // the grain's Chinese reasons replace the binder's
        ModelState.AddOutcome(outcome.Errors, nameof(Limits), typeof(MatterTierLimits));
        return Page();
    }
}
