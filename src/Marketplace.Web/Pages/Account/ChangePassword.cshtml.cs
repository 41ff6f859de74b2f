using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// 修改密码 for any signed-in user. Identity renews the security stamp, so every other session of the
/// account (every copy of its old cookie) ends; this browser is signed in again with the new stamp.
/// </summary>
[Authorize]
public sealed class ChangePasswordModel(SignInManager<ApplicationUser> signIn) : PageModel
{
    [BindProperty] public PasswordForm Input { get; set; } = new();

    public sealed class PasswordForm
    {
        public string? Current { get; set; }
        public string? New { get; set; }
        public string? Confirm { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Input.Current))
        {
            ModelState.AddModelError("Input.Current", "请输入当前密码");
        }
        if (string.IsNullOrEmpty(Input.New))
        {
            ModelState.AddModelError("Input.New", "请输入新密码");
        }
        else if (Input.New != Input.Confirm)
        {
            ModelState.AddModelError("Input.Confirm", "两次输入的新密码不一致");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var result = await signIn.UserManager.ChangePasswordAsync(user, Input.Current!, Input.New!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.Current" : "Input.New", e.Description);
            }
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = "密码已修改，其他设备上的登录已失效";
        return RedirectToPage("/Index");
    }
}
