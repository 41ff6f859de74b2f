using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Marketplace.Web.Infrastructure.Pages;

namespace Marketplace.Web.Pages.Organizations;

/// <summary>NGO self-registration: an account and the organization's directory application in one form.</summary>
[AllowAnonymous]
public sealed class RegisterModel(
    AppDbContext db, OrganizationRegistration registration, SignInManager<ApplicationUser> signIn, IOptions<OrganizationOptions> options) : PageModel
{
    public int ConfirmHours => options.Value.UnconfirmedRegistrationHours;

    [BindProperty] public OrganizationForm Input { get; set; } = new();
    [BindProperty] public AccountForm Account { get; set; } = new();

    public OrganizationFormChoices Choices { get; private set; } = null!;

    public sealed class AccountForm
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => Choices = await OrganizationFormChoices.LoadAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Choices = await OrganizationFormChoices.LoadAsync(db, ct);
        if (string.IsNullOrWhiteSpace(Account.UserName))
        {
            ModelState.AddModelError("Account.UserName", "请填写登录用户名");
        }
        if (string.IsNullOrWhiteSpace(Account.DisplayName))
        {
            ModelState.AddModelError("Account.DisplayName", "请填写账号使用人姓名");
        }
        else if (Account.DisplayName.Length > 50)
        {
            ModelState.AddModelError("Account.DisplayName", "姓名不能超过 50 个字");
        }
        if (string.IsNullOrEmpty(Account.Password))
        {
            ModelState.AddModelError("Account.Password", "请设置密码");
        }
        else if (Account.Password != Account.ConfirmPassword)
        {
            ModelState.AddModelError("Account.ConfirmPassword", "两次输入的密码不一致");
        }
        var profile = Input.ToProfile(ModelState, nameof(Input));
        if (profile is null || !ModelState.IsValid)
        {
            return Page();
        }
        var result = await registration.RegisterAsync(Input.Uscc ?? "", profile,
            new OrganizationRegistration.Account(Account.UserName!, Account.Password!, Account.DisplayName!), ct);
        if (!result.Succeeded)
        {
            ModelState.AddOutcome(result.Errors.Where(e => e.Field is "UserName" or "Password"), "Account");
            OrganizationForm.AddErrors(ModelState, nameof(Input), [.. result.Errors.Where(e => e.Field is not ("UserName" or "Password"))]);
            return Page();
        }
        await signIn.SignInAsync(result.Value!, isPersistent: false);
        TempData["Message"] = "注册成功，验证码已发送至联系人手机。填写验证码确认后，入库申请才会提交审核。";
        return RedirectToPage("/Organizations/Confirm");
    }
}
