using Marketplace.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Contracts;

/// <summary>The thank-you page after a resident's rating.</summary>
public sealed class RateThanksModel(IGrainFactory grains) : PageModel
{
    public ContractState Contract { get; private set; } = default!;
    public bool WithComment { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool comment)
    {
        if (await grains.GetGrain<IContractGrain>(id).GetAsync() is not { Status: not ContractStatus.Drafted } contract)
        {
            return NotFound();
        }
        (Contract, WithComment) = (contract, comment);
        return Page();
    }
}
