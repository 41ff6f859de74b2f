using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// Sign-in. The answer never tells whether the name has an account: the same message, the same
/// throttling (<see cref="LoginThrottle"/>, per name and client address instead of Identity's lockout of
/// the account for everyone) and a password hash checked either way (<see cref="LoginPasswordCheck"/>).
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<ApplicationUser> signIn, LoginThrottle throttle, LoginPasswordCheck passwords, OrganizationRegistration registration) : PageModel
{
    public const string WrongCredentials = "用户名或密码不正确";

    [BindProperty] public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "请输入用户名"), StringLength(256, ErrorMessage = "用户名过长")]
        [Display(Name = "用户名")]
        public string UserName { get; set; } = string.Empty;

        [Required(ErrorMessage = "请输入密码"), StringLength(128, ErrorMessage = "密码过长")]
        [DataType(DataType.Password), Display(Name = "密码")]
        public string Password { get; set; } = string.Empty;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var userName = Input.UserName.Trim();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await throttle.WaitForAsync(userName, address) is { } wait)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            ModelState.AddModelError(string.Empty, $"登录失败次数过多，该账号已临时锁定，请 {minutes} 分钟后再试");
            return Page();
        }
        var user = await passwords.FindAndCheckAsync(userName, Input.Password);
        // Identity's lockout stays off for wrong passwords (anyone could lock anyone); an account locked on
        // purpose is still refused here, with the same words as a wrong password. The password was checked
        // once above, so a real name costs one hash, as an unknown one does.
        if (user is not null && !await signIn.UserManager.IsLockedOutAsync(user) && await signIn.CanSignInAsync(user))
        {
            await signIn.SignInAsync(user, isPersistent: false);
            await throttle.SucceededAsync(userName, address);
            // A registration not yet confirmed has one page open to it (issue 16 item 1), wherever it meant to go.
            if (await registration.AwaitsConfirmationAsync(user))
            {
                return LocalRedirect(UnconfirmedAccounts.ConfirmPage);
            }
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        await throttle.FailedAsync(userName, address);
        ModelState.AddModelError(string.Empty, WrongCredentials);
        return Page();
    }
}
