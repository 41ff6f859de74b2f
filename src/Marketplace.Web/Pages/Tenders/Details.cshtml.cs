using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Excel;
using Marketplace.Reports.Models;
using Marketplace.Tendering;
using NoticeResult = Marketplace.Reports.Models.ApplicantResult;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Marketplace.Domain;
using Marketplace.Grid;
using Marketplace.Web.Features.Grid;

namespace Marketplace.Web.Pages.Tenders;

/// <summary>
/// Public notice and, once the award is public, every applicant's total and rank with the winner and
/// price — never a proposal (SPEC §3.10).
/// </summary>
[AllowAnonymous]
public sealed class DetailsModel(IGrainFactory grains, AppDbContext db, AnsweredNeeds answered, ReportRenderLane renderLane) : PageModel
{
    /// <summary>本项目回应的群众需求 (counts and 村(社区) only).</summary>
    public IReadOnlyList<AnsweredNeed> Needs { get; private set; } = [];

    public TenderInfo Tender { get; private set; } = default!;
    public string Street { get; private set; } = "";
    public List<TenderResultRow> Results { get; private set; } = [];
    /// <summary>Each applicant's panel means and price score (by USCC), once the award is public.</summary>
    public Dictionary<string, Marketplace.Tendering.ApplicantResult> Scores { get; private set; } = [];

    /// <summary>Who answers questions about the notice: the street official who drew it up (as signed, e.g. "东山街道 李晓梅").</summary>
    public string? Contact { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var info = await grains.GetGrain<ITenderGrain>(id).GetInfoAsync();
        if (info is null || info.Status == TenderStatus.Draft)
        {
            return NotFound();
        }
        Tender = info;
        Street = await db.Streets.Where(s => s.Id == info.StreetId).Select(s => s.District!.Name + " · " + s.Name).SingleAsync(ct);
        Contact = info.CreatedBy;
        Needs = await answered.ForAsync(info.StreetId, new NeedLink(NeedLinkKind.Tender, id), ct);
        Results = await db.TenderResults.AsNoTracking().Where(r => r.TenderId == id).ToListAsync(ct);
        Results = [.. Results.OrderBy(r => r.Rank ?? int.MaxValue)];
        if (info is { Award: not null, SingleSource: null })
        {
            // The published parts of each total, one column per criterion of the notice's own list.
            Scores = (await grains.GetGrain<ITenderGrain>(id).GetPublishedResultsAsync()).ToDictionary(r => r.ApplicantId);
        }
        return Page();
    }

    /// <summary>The 中标结果公示 as a PDF: winner, price, every applicant's total and rank, the panel, the 公示 period.</summary>
    public async Task<IActionResult> OnGetAwardPdfAsync(Guid id, CancellationToken ct) =>
        await AwardNoticeAsync(id, ct) is { } model
            ? File(await renderLane.RenderAsync(new AwardNoticeReport(model)), "application/pdf", $"{model.TenderTitle}-中标结果公示.pdf")
            : NotFound();

    /// <summary>The same published totals and ranks as .xlsx.</summary>
    public async Task<IActionResult> OnGetAwardXlsxAsync(Guid id, CancellationToken ct)
    {
        if (await AwardNoticeAsync(id, ct) is not { } model)
        {
            return NotFound();
        }
        var stream = new MemoryStream();
        ReportWorkbooks.AwardScores(stream, model);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "award-scores.xlsx");
    }

    private async Task<AwardNoticeModel?> AwardNoticeAsync(Guid id, CancellationToken ct)
    {
        var grain = grains.GetGrain<ITenderGrain>(id);
        // A single-source decision has no ranking: its 公示 is the page itself, not a 中标结果公示.
        if (await grain.GetInfoAsync() is not { Award: { } award, SingleSource: null } info)
        {
            return null;
        }
        var street = await db.Streets.Where(s => s.Id == info.StreetId).Select(s => new { s.Name, District = s.District!.City + s.District.Name }).SingleAsync(ct);
        var results = await db.TenderResults.AsNoTracking().Where(r => r.TenderId == id && r.Rank != null).ToListAsync(ct);
        var panel = await grain.GetPanelAsync();
        var unit = street.Name + "办事处";
        // The published parts of each total: the panel's mean per criterion and the price score.
        var scored = (await grain.GetPublishedResultsAsync()).ToDictionary(r => r.ApplicantId);
        var criteria = info.Notice.Criteria.NonPrice().ToList();
        return new AwardNoticeModel(
            info.Notice.Title, "GM-" + id.ToString("N")[..8].ToUpperInvariant(), street.District + street.Name, unit,
            info.Notice.Method.Chinese(), award.OrganizationName, award.Price,
            [.. results.OrderBy(r => r.Rank).Select(r => WithScores(new NoticeResult(r.Rank!.Value, r.OrganizationName, r.Price, r.Total ?? 0m, r.Uscc == award.Uscc), scored.GetValueOrDefault(r.Uscc), criteria))],
            [.. panel?.Sitting.Select(m => m.Name) ?? []],
            ChinaTime.Day(award.AwardedAt).AddDays(1), award.PublicityLastDay(), unit, ChinaTime.Day(award.AwardedAt))
        {
            WorkingDays = award.PublicityWorkingDays,
            Kind = AwardKind.Bid,
            Contact = unit + "（在本平台“采购公告”中该项目页面提交质疑）",
            Criteria = [.. criteria.Select(c => c.Name)],
            Standard = [.. criteria.Append(info.Notice.Criteria.Price()).OfType<ScoringCriterion>().Select(c => new AwardCriterion(c.Name, c.Weight, c.Description, c.IsPrice))],
        };
    }

    private static NoticeResult WithScores(NoticeResult row, Marketplace.Tendering.ApplicantResult? scored, List<ScoringCriterion> criteria) =>
        scored is null ? row : row with
        {
            CriterionScores = [.. criteria.Select(c => scored.CriterionScores.TryGetValue(c.Code, out var p) ? p : (decimal?)null)],
            PriceScore = scored.PriceScore,
        };

}
