using Marketplace.Contracts;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Contracts;

/// <summary>Residents' ratings of the street's contract, and the moderation (审核) of their comments before they are public.</summary>
public sealed class RatingsModel(IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public ContractState Contract { get; private set; } = default!;
    public List<ResidentRating> Ratings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostModerateAsync(Guid id, Guid rating, bool publish) =>
        this.ActAsync(id, LoadAsync, async () => (await grains.GetGrain<IContractRatingsGrain>(id).ModerateAsync(Contract.StreetId, rating, publish, tenant.UserName)).Errors,
            publish ? "留言已公开" : "留言不予公开");

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await tenant.StreetContractAsync(grains, id) is not { } contract
            || await grains.GetGrain<IContractRatingsGrain>(id).ForStreetAsync(contract.StreetId) is not { } ratings)
        {
            return false; // another street's contract is not found
        }
        (Contract, Ratings) = (contract, [.. ratings.OrderByDescending(r => r.At)]);
        return true;
    }
}
