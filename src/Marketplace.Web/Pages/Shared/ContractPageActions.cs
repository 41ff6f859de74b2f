using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Shared;

/// <summary>
/// One contract action as every contract page sends it: the contract must be the user's own (else 404), one
/// command, then a redirect with the notice, or the page again with the refusal's reasons.
/// </summary>
public static class ContractPageActions
{
    public static async Task<IActionResult> ActAsync(this PageModel page, Guid id, Func<Guid, Task<bool>> load,
        Func<Task<ImmutableArray<FieldError>>> act, string done)
    {
        if (!await load(id))
        {
            return page.NotFound();
        }
        var errors = await act();
        if (errors.IsDefaultOrEmpty)
        {
            page.TempData["Notice"] = done;
            return page.RedirectToPage(new { id });
        }
        page.ModelState.AddOutcome(errors);
        await load(id);
        return page.Page();
    }

    /// <summary>The contract when it belongs to the signed-in official's street; another street's contract is not found (null).</summary>
    public static async Task<Marketplace.Contracts.ContractState?> StreetContractAsync(this CurrentTenant tenant, IGrainFactory grains, Guid id)
    {
        var contract = await grains.GetGrain<Marketplace.Contracts.IContractGrain>(id).GetAsync();
        return contract is not null && tenant.OwnsStreet(contract.StreetId) ? contract : null;
    }
}
