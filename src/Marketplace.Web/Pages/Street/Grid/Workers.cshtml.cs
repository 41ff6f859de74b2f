using System.ComponentModel.DataAnnotations;
using Marketplace.Grid;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Grid;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Grid;

/// <summary>The street's 网格员 accounts: list them, create one for a grid (refusals beside the field).</summary>
public sealed class WorkersModel(CurrentTenant tenant, IGrainFactory grains, GridWorkerAccounts accounts) : PageModel
{
    public IReadOnlyList<ApplicationUser> Workers { get; private set; } = [];
    public StreetGridView View { get; private set; } = new([], 0);

    [BindProperty] public WorkerInput Input { get; set; } = new();

    public sealed class WorkerInput
    {
        [Display(Name = "网格")] public int GridNo { get; set; }
        [Display(Name = "账号")] public string? UserName { get; set; }
        [Display(Name = "姓名")] public string? DisplayName { get; set; }
        [Display(Name = "手机号码")] public string? Phone { get; set; }
        [Display(Name = "初始密码"), DataType(DataType.Password)] public string? Password { get; set; }
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (tenant.StreetId is not { } street || tenant.DistrictId is not { } district)
        {
            return NotFound();
        }
        ModelState.Clear(); // the rules below say every refusal in Chinese
        var outcome = await accounts.CreateAsync(district, street,
            new(Input.GridNo, Input.UserName ?? "", Input.DisplayName ?? "", Input.Phone ?? "", Input.Password ?? ""), tenant.DisplayName);
        if (outcome.Succeeded)
        {
            TempData["Notice"] = $"网格员账号 {Input.UserName!.Trim()} 已创建";
            return RedirectToPage();
        }
        ModelState.AddOutcome(outcome.Errors, "Input", typeof(WorkerInput));
        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (tenant.StreetId is not { } street)
        {
            return false;
        }
        View = await grains.GetGrain<IStreetGridGrain>(street).GetAsync();
        Workers = await accounts.OfStreetAsync(street);
        return true;
    }
}
