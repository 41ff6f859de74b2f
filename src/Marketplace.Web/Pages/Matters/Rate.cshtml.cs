using Marketplace.Grid;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Infrastructure.Verification;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Matters;

/// <summary>
/// Public: the resident follows a matter by its number and rates it once it is closed (非常满意 … 不满意),
/// proving the phone it was reported with. Without that proof only the state is shown, never the text or place.
/// </summary>
public sealed class RateModel(IGrainFactory grains, VerificationCodes codes) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Street { get; set; }
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public bool Reported { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public Satisfaction? Rating { get; set; }

    public Matter? Item { get; private set; }
    public bool CodeSent { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostSendCodeAsync(CancellationToken ct)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        if (await codes.RequestAsync(Phone, ct) is { } refused)
        {
            ModelState.AddOutcome([refused]);
        }
        else
        {
            CodeSent = true;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        if (!await codes.CheckAsync(Phone?.Trim() ?? "", Code))
        {
            ModelState.AddModelError(nameof(Code), "验证码不正确或已过期，请重新获取");
            return Page();
        }
        var outcome = await grains.GetGrain<IStreetMattersGrain>(Street).RateAsync(Id, Phone ?? "", Rating ?? 0);
        if (!outcome.Succeeded)
        {
            ModelState.AddOutcome(outcome.Errors);
            return Page();
        }
        TempData["Notice"] = "感谢您的评价";
        return RedirectToPage(new { Street, Id });
    }

    private async Task<bool> LoadAsync()
    {
        Item = Street == 0 ? null : (await grains.GetGrain<IStreetMattersGrain>(Street).GetAsync()).Find(Id);
        return Item is not null;
    }
}
