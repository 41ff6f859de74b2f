using System.Globalization;
using System.Security.Cryptography;
using Marketplace.Contracts;
using Marketplace.Web.Features.Ratings;
using Marketplace.Web.Infrastructure.Verification;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Contracts;

/// <summary>
/// 群众评: a resident rates a contract's service (1–5, optional comment) without an account, confirmed by a code sent
/// to the phone; one rating per phone per evaluation period. Limited per device and per address (AbuseLimits).
/// An unknown or unsigned contract is not found.
/// </summary>
public sealed class RateModel(IGrainFactory grains, IVerificationCodeSender sender) : PageModel
{
    public ContractState Contract { get; private set; } = default!;
    public ContractEvaluation? Open { get; private set; }
    public RatingSummary? Summary { get; private set; }
    public List<ResidentRating> Comments { get; private set; } = [];
    public bool CodeSent { get; private set; }

    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Stars { get; set; }
    [BindProperty] public string? Comment { get; set; }

    private IContractRatingsGrain Ratings(Guid id) => grains.GetGrain<IContractRatingsGrain>(id);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!Request.Cookies.ContainsKey(RatingsServiceCollectionExtensions.DeviceCookie))
        {
            Response.Cookies.Append(RatingsServiceCollectionExtensions.DeviceCookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
                new CookieOptions { HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCodeAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var code = await Ratings(id).RequestCodeAsync(Phone ?? "");
        if (code.Succeeded)
        {
            await sender.SendAsync(Phone!, code.Value!, ct);
            CodeSent = true;
            TempData.Remove("Notice");
            ViewData["Notice"] = $"验证码已发送至 {ResidentRatings.Mask(ResidentRatings.NormalisePhone(Phone)!)}，{ResidentRatings.CodeMinutes}分钟内有效";
        }
        else
        {
            ModelState.AddOutcome(code.Errors);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var stars = int.TryParse(Stars, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var rated = await Ratings(id).RateAsync(Phone ?? "", Code ?? "", stars, Comment);
        if (rated.Succeeded)
        {
            return RedirectToPage("RateThanks", new { id, comment = rated.Value!.Comment is not null });
        }
        CodeSent = true;
        ModelState.AddOutcome(rated.Errors);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var contract = await grains.GetGrain<IContractGrain>(id).GetAsync();
        if (contract is null || contract.Status == ContractStatus.Drafted)
        {
            return false; // an unknown contract, or one not yet signed (not public)
        }
        Contract = contract;
        Open = contract.OpenEvaluation();
        Summary = Open is null ? null : await Ratings(id).SummaryAsync(Open.Period());
        Comments = [.. (await Ratings(id).PublishedAsync()).Take(20)];
        return true;
    }
}
