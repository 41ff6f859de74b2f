using Marketplace.Grid;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Features.Grid;

/// <summary>
/// The seven fields a matter is reported with, bound the same on the 网格员's visit log (<c>/Grid</c>) and the resident's
/// form (<c>/Matters/Report</c>); each page adds how the phone is given and who reports.
/// </summary>
public abstract class MatterReportForm : PageModel
{
    [BindProperty] public int GridNo { get; set; }
    [BindProperty] public string? ServiceAreaCode { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? ResidentName { get; set; }
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    /// <summary>The report the fields make, with the photos' stored names (<see cref="MatterPhotos.NamesFor"/>).</summary>
    protected MatterReport ToReport(MatterSource source, string? phone, System.Collections.Immutable.ImmutableArray<string> photoNames) =>
        new(GridNo, source, Title ?? "", ServiceAreaCode ?? "", Place ?? "", Text ?? "", photoNames, [.. Photos.Select(p => p.Length)],
            ResidentName ?? "", phone ?? "");
}
