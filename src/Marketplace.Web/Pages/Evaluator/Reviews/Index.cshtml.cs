using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Evaluator.Reviews;

/// <summary>The reviews an expert has been drawn for. Only tenders past their deadline can have a panel.</summary>
public sealed class IndexModel(AppDbContext db, IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public sealed record Row(Guid Id, string Title, TenderStatus Status, PanelMemberStatus Mine);

    public List<Row> Rows { get; private set; } = [];

    public List<RoundTasks.Row> Rounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.Identity?.Name ?? "";
        var districtId = tenant.DistrictId;
        var candidates = await db.Tenders.AsNoTracking()
            .Where(t => t.DistrictId == districtId && (t.Status == TenderStatus.UnderReview || t.Status == TenderStatus.Publicity || t.Status == TenderStatus.ReadyForContract))
            .Select(t => new { t.Id, t.Title, t.Status }).ToListAsync(ct);
        foreach (var t in candidates)
        {
            var panel = await grains.GetGrain<ITenderGrain>(t.Id).GetPanelAsync();
            if (panel?.Members.LastOrDefault(m => m.UserName == me) is { } member)
            {
                Rows.Add(new Row(t.Id, t.Title, t.Status, member.Status));
            }
        }
        Rounds = districtId is { } district ? await RoundTasks.ForAsync(grains, district, me) : [];
    }
}
