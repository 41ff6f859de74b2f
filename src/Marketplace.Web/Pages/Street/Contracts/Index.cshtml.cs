using Marketplace.Contracts;
using Marketplace.Tendering;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Street.Contracts;

/// <summary>The street's contracts, and its awards (待签约) to draft one from.</summary>
public sealed class IndexModel(AppDbContext db, IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public List<ContractRow> Contracts { get; private set; } = [];
    public List<TenderRow> Awards { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.StreetId is not { } streetId)
        {
            return NotFound();
        }
        await LoadAsync(streetId, ct);
        return Page();
    }

    /// <summary>Drafts the contract of an award with the notice's term and the district's default schedule (合同管理设置).</summary>
    public async Task<IActionResult> OnPostCreateAsync(Guid id, CancellationToken ct)
    {
        if (tenant.StreetId is not { } streetId)
        {
            return NotFound();
        }
        var tender = await grains.GetGrain<ITenderGrain>(id).GetInfoAsync();
        if (tender is null || tender.StreetId != streetId)
        {
            return NotFound();
        }
        var draft = new ContractDraft(streetId, tender.Notice.ServiceStart, tender.Notice.ServiceEnd,
            tender.Notice.ServiceEnd > ContractTerm.LastDay(tender.Notice.ServiceStart, 1) ? "依据采购公告的服务期限" : null, [], []);
        var result = await grains.GetGrain<IContractGrain>(id).CreateFromAwardAsync(draft, tenant.DisplayName);
        if (result.Succeeded)
        {
            TempData["Notice"] = "合同已草拟，请核对付款计划后签订";
            return RedirectToPage("Details", new { id });
        }
        ModelState.AddOutcome(result.Errors.Select(e => e with { Field = "" }));
        await LoadAsync(streetId, ct);
        return Page();
    }

    private async Task LoadAsync(long streetId, CancellationToken ct)
    {
        Contracts = await db.Contracts.AsNoTracking().Where(c => c.StreetId == streetId).OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
        var drafted = Contracts.Select(c => c.TenderId).ToList();
        Awards = await db.Tenders.AsNoTracking()
            .Where(t => t.StreetId == streetId && t.Status == TenderStatus.ReadyForContract && !drafted.Contains(t.Id)).ToListAsync(ct);
    }
}
