using System.ComponentModel.DataAnnotations;
using Marketplace.Grid;
using Marketplace.Reports.Excel;
using Marketplace.Web.Features.Grid;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Grid;

/// <summary>The street's grids (网格): list, add or edit one, import many from .xlsx.</summary>
[RequestSizeLimit(8L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 8L * 1024 * 1024)]
public sealed class IndexModel(CurrentTenant tenant, IGrainFactory grains, GridImport import) : PageModel
{
    public StreetGridView View { get; private set; } = new([], 0);

    [BindProperty] public GridInput Input { get; set; } = new();

    [BindProperty] public IFormFile? Workbook { get; set; }

    public sealed class GridInput
    {
        public int No { get; set; }
        public int Version { get; set; }
        [Display(Name = "网格名称")] public string? Name { get; set; }
        [Display(Name = "所属村(社区)")] public string? Community { get; set; }
        public CommunityKind Kind { get; set; } = CommunityKind.Community;
        [Display(Name = "户数")] public int Households { get; set; }
        [Display(Name = "网格长")] public string? LeaderName { get; set; }
        [Display(Name = "网格长账号")] public string? LeaderUser { get; set; }
        [Display(Name = "网格员账号")] public string? WorkerUsers { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? edit)
    {
        if (tenant.StreetId is not { } street)
        {
            return NotFound();
        }
        View = await grains.GetGrain<IStreetGridGrain>(street).GetAsync();
        Input = new GridInput { Version = View.Version };
        if (edit is { } no)
        {
            if (View.Find(no) is not { } g)
            {
                return NotFound();
            }
            Input = new GridInput
            {
                No = g.No, Version = View.Version, Name = g.Name, Community = g.Community, Kind = g.Kind, Households = g.Households,
                LeaderName = g.LeaderName, LeaderUser = g.LeaderUser, WorkerUsers = string.Join("、", g.WorkerUsers),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (tenant.StreetId is not { } street)
        {
            return NotFound();
        }
        var grain = grains.GetGrain<IStreetGridGrain>(street);
        var workers = Input.WorkerUsers?.Split(['、', ',', '，', ' '], StringSplitOptions.RemoveEmptyEntries) ?? [];
        var result = await grain.SaveAsync(new GridUnit(Input.No, Input.Name ?? "", Input.Community ?? "", Input.Kind, Input.Households,
            Input.LeaderName ?? "", Input.LeaderUser ?? "", [.. workers]), Input.Version, tenant.DisplayName);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"网格“{result.Value!.Name}”已保存";
            return RedirectToPage();
        }
        ModelState.Remove($"{nameof(Input)}.{nameof(GridInput.Households)}"); // the grain's message replaces the binder's English one
        ModelState.AddOutcome(result.Errors, nameof(Input), typeof(GridInput));
        View = await grain.GetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync()
    {
        if (tenant.StreetId is not { } street)
        {
            return NotFound();
        }
        var grain = grains.GetGrain<IStreetGridGrain>(street);
        if (Workbook is null || Workbook.Length == 0)
        {
            ModelState.AddModelError(nameof(Workbook), "请选择要导入的 .xlsx 文件");
        }
        else
        {
            await using var stream = Workbook.OpenReadStream();
            var result = await import.ImportAsync(stream, street, tenant.DisplayName);
            if (result.Succeeded)
            {
                TempData["Notice"] = $"已导入{result.Value}个网格";
                return RedirectToPage();
            }
            ModelState.AddOutcome(result.Errors.Select(e => e with { Field = "" }));
        }
        View = await grain.GetAsync();
        Input = new GridInput { Version = View.Version };
        return Page();
    }

    /// <summary>GET ?handler=Template: an empty sheet with the import columns.</summary>
    public IActionResult OnGetTemplate()
    {
        var stream = new MemoryStream();
        XlsxWriter.Write(stream, "网格", GridImport.Columns, []);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "网格导入模板.xlsx");
    }
}
