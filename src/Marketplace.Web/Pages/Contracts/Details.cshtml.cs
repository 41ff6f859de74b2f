using Marketplace.Contracts;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Contracts;

/// <summary>
/// One signed contract as the public sees it (政府购买服务信息公开): parties, amount in figures and 大写, term, each
/// tranche's share, amount, status and grade, the evaluations' grades and 群众评 with its sample size. Nothing
/// personal or sealed: no bank account, signer, report, attachment or beneficiary. An unknown or only drafted
/// contract is not found.
/// </summary>
[AllowAnonymous]
public sealed class DetailsModel(IGrainFactory grains, AppDbContext db) : PageModel
{
    public ContractState Contract { get; private set; } = default!;
    public string Street { get; private set; } = "";
    public string District { get; private set; } = "";
    /// <summary>The open evaluation period's resident ratings so far (null when no period is open).</summary>
    public RatingSummary? Ratings { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var contract = await grains.GetGrain<IContractGrain>(id).GetAsync();
        if (contract is null || contract.Status == ContractStatus.Drafted)
        {
            return NotFound(); // not signed yet: not public
        }
        Contract = contract;
        Street = await db.Streets.Where(s => s.Id == contract.StreetId).Select(s => s.Name).SingleAsync(ct);
        District = await db.Districts.Where(d => d.Id == contract.DistrictId).Select(d => d.Name).SingleAsync(ct);
        if (contract.OpenEvaluation() is { } open)
        {
            Ratings = await grains.GetGrain<IContractRatingsGrain>(id).SummaryAsync(open.Period());
        }
        return Page();
    }
}
