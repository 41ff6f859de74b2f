using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Ngo.Tenders;

/// <summary>
/// 我的申请: every purchase the organization applied to, with status, deadline, its own result and the
/// objections it filed with their answers. Each row is the applicant's own view of that tender, so
/// nothing of another applicant is shown before the award.
/// </summary>
public sealed class IndexModel(AppDbContext db, IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public sealed record Row(TenderApplicantView View, ApplicantResult? Result, ImmutableArray<Objection> Objections)
    {
        public TenderInfo Info => View.Info;

        /// <summary>The organization's own outcome in words.</summary>
        public string ResultText => View.Own is null ? "已撤回"
            : Info.Award is { } award ? (award.Uscc == View.Own.Uscc ? "中标（成交）" : "未中标")
            + (Result is { Rank: { } rank } ? $"，第 {rank} 名" : "") + (Result?.InvalidReason is { } why ? $"（无效：{why}）" : "")
            : Info.Status is TenderStatus.Failed or TenderStatus.Cancelled ? "采购未成交" : "待评审";
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.Uscc is not { } uscc)
        {
            return NotFound(); // no organization of one's own
        }
        var ids = await db.TenderSubmissions.AsNoTracking().Where(s => s.Uscc == uscc).Select(s => s.TenderId).Distinct().ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var id in ids)
        {
            var grain = grains.GetGrain<ITenderGrain>(id);
            if (await grain.GetApplicantViewAsync(uscc) is not { } view)
            {
                continue;
            }
            var objections = view.Info.Award is null ? [] : (await grain.GetObjectionsAsync()).Where(o => o.Uscc == uscc).ToImmutableArray();
            rows.Add(new Row(view, view.Results.FirstOrDefault(r => r.ApplicantId == uscc), objections));
        }
        Rows = [.. rows.OrderByDescending(r => r.Info.Notice.Deadline)];
        return Page();
    }
}
