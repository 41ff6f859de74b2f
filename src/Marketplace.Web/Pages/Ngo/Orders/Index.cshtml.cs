using Marketplace.Domain;
using Marketplace.Grid;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Ngo.Orders;

/// <summary>
/// 群众点单: the menu orders routed to the signed-in organization by the streets it holds contracts with; it accepts,
/// records the service delivered (counted in the contract's 服务完成度) and closes each. Only its own orders are listed,
/// and each step is refused as not found for another organization's order (the grain checks the USCC).
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant, IGrainFactory grains) : PageModel
{
    public sealed record Row(long StreetId, string StreetName, Matter Order);

    public IReadOnlyList<Row> Orders { get; private set; } = [];

    [BindProperty] public long Street { get; set; }
    [BindProperty] public Guid Id { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Result { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => tenant.Uscc is null ? Forbid() : await ShowAsync(ct);

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) => RunAsync(OrderStep.Accept, "", "已受理", ct);

    public Task<IActionResult> OnPostDeliverAsync(CancellationToken ct) => RunAsync(OrderStep.Deliver, Note ?? "", "服务完成情况已记录，计入合同服务完成度", ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => RunAsync(OrderStep.Close, Result ?? "", "点单已办结", ct);

    private async Task<IActionResult> RunAsync(OrderStep step, string text, string done, CancellationToken ct)
    {
        if (tenant.Uscc is not { } uscc)
        {
            return Forbid();
        }
        var outcome = await grains.GetGrain<IStreetMattersGrain>(Street).ActAsOrganizationAsync(uscc, Id, step, text, tenant.DisplayName);
        if (outcome.Succeeded)
        {
            TempData["Notice"] = done;
            return RedirectToPage();
        }
        ModelState.AddOutcome(outcome.Errors);
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var uscc = tenant.Uscc!;
        var streets = await db.Contracts.AsNoTracking().Where(c => c.Uscc == uscc).Select(c => c.StreetId).Distinct()
            .Join(db.Streets.AsNoTracking(), id => id, s => s.Id, (id, s) => new { s.Id, s.Name }).ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var s in streets.OrderBy(s => s.Id))
        {
            rows.AddRange((await grains.GetGrain<IStreetMattersGrain>(s.Id).OrdersOfAsync(uscc)).Select(m => new Row(s.Id, s.Name, m)));
        }
        Orders = [.. rows.OrderBy(r => r.Order.IsOpen ? 0 : 1).ThenByDescending(r => r.Order.ReportedAt)];
        return Page();
    }
}
