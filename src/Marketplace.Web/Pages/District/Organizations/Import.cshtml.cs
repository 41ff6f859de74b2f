using Marketplace.Reports.Excel;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Pages.District.Organizations;

/// <summary>Imports organizations into the district directory from an .xlsx sheet, all or nothing.</summary>
[RequestSizeLimit(64L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
public sealed class ImportModel(DirectoryImport import, IOptions<OrganizationOptions> options, CurrentTenant tenant) : PageModel
{
    [BindProperty] public IFormFile? Workbook { get; set; }

    public DirectoryImport.Result? Result { get; private set; }

    public int MaxRows => options.Value.MaxImportRows;

    public long MaxBytes => options.Value.MaxUploadBytes;

    public void OnGet()
    {
    }

    /// <summary>GET ?handler=Template: an empty sheet with just the column headers.</summary>
    public IActionResult OnGetTemplate()
    {
        var stream = new MemoryStream();
        XlsxWriter.Write(stream, "社会组织目录", DirectoryWorkbook.ImportColumns, []);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "社会组织目录导入模板.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound();
        }
        if (Workbook is null || Workbook.Length == 0)
        {
            ModelState.AddModelError(nameof(Workbook), "请选择要导入的 .xlsx 文件");
            return Page();
        }
        if (Workbook.Length > MaxBytes)
        {
            ModelState.AddModelError(nameof(Workbook), $"文件超过 {MaxBytes / 1024 / 1024} MB 的上限，请分批导入");
            return Page();
        }
        await using var stream = Workbook.OpenReadStream();
        Result = await import.ImportAsync(stream, districtId, User.Identity!.Name!, ct);
        return Page();
    }
}
