using Marketplace.Organizations;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Organizations;

/// <summary>
/// 确认注册 (issue 16 item 1): the applicant types the code sent to the contact mobile; the application then enters
/// the district's review queue and the account becomes an NGO account. The only page a 待确认 account may open
/// (policy <see cref="UnconfirmedAccounts.Policy"/>, set in Program.cs).
/// </summary>
public sealed class ConfirmModel(CurrentTenant tenant, OrganizationRegistration registration, SignInManager<ApplicationUser> signIn) : PageModel
{
    [BindProperty] public string? Code { get; set; }

    /// <summary>Null when the registration is gone (expired, or its account's organization no longer registered).</summary>
    public OrganizationState? Registration { get; private set; }

    public string MaskedMobile => Registration?.Confirmation?.Mobile is { Length: >= 7 } m ? m[..3] + "****" + m[^4..] : "";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var confirmed = await registration.ConfirmAsync(Grain, tenant.UserName, Code);
        if (!confirmed.Succeeded)
        {
            ModelState.AddOutcome(confirmed.Errors, form: GetType());
            await LoadAsync();
            return Page();
        }
        await signIn.RefreshSignInAsync(confirmed.Value!); // the cookie now carries the NGO role
        TempData["Message"] = "手机号码已确认，入库申请已提交。请上传登记证书、章程等资质材料，等待区民政部门审核。";
        return RedirectToPage("/Ngo/Organization");
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        var sent = await registration.ResendAsync(Grain, ct);
        if (!sent.Succeeded)
        {
            ModelState.AddOutcome(sent.Errors, form: GetType());
            await LoadAsync();
            return Page();
        }
        TempData["Message"] = "验证码已重新发送，请查看短信。";
        return RedirectToPage();
    }

    private IOrganizationGrain Grain => tenant.UnconfirmedOrganization ?? throw new InvalidOperationException("The page's policy admits 待确认 accounts only.");

    private async Task LoadAsync() => Registration = await Grain.GetAsync();
}
