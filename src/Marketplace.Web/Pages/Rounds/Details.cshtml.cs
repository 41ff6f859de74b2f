using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Excel;
using Marketplace.Web.Data;
using Marketplace.Grid;
using Marketplace.Web.Features.Grid;
using Marketplace.Web.Features.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Rounds;

/// <summary>A round's public page: categories, pool, cap, timeline; from 立项公示 on the funded projects and the panel.</summary>
[AllowAnonymous]
public sealed class DetailsModel(AppDbContext db, IGrainFactory grains, AnsweredNeeds answered, ReportRenderLane renderLane) : PageModel
{
    public PublicRoundsApi.RoundDto Round { get; private set; } = default!;

    /// <summary>本项目回应的群众需求 of a street's round (counts and 村(社区) only).</summary>
    public IReadOnlyList<AnsweredNeed> Needs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await PublicRoundsApi.FindAsync(db, grains, id, ct) is not { } round)
        {
            return NotFound();
        }
        Round = round;
        if (round.StreetId is { } street)
        {
            Needs = await answered.ForAsync(street, new NeedLink(NeedLinkKind.Round, id), ct);
        }
        return Page();
    }

    /// <summary>The 立项公示 as a PDF: funded projects with organization, amount and score, the panel, the period.</summary>
    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct) =>
        await RoundPublicityDocuments.ModelAsync(db, grains, id, ct) is { } model
            ? File(await renderLane.RenderAsync(new RoundPublicityReport(model)), "application/pdf", $"{model.RoundTitle}-立项公示.pdf")
            : NotFound();

    /// <summary>The same selection as .xlsx.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(Guid id, CancellationToken ct)
    {
        if (await RoundPublicityDocuments.ModelAsync(db, grains, id, ct) is not { } model)
        {
            return NotFound();
        }
        var stream = new MemoryStream();
        ReportWorkbooks.RoundSelection(stream, model);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "round-selection.xlsx");
    }
}
