using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Contracts;

/// <summary>
/// 合同变更: the amount or the term as a new numbered version with who, when and why. The grain checks an
/// increase of a signed contract against what is available; the page only parses.
/// </summary>
public sealed class AmendModel(IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public ContractState Contract { get; private set; } = default!;

    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? TermEnd { get; set; }
    [BindProperty] public string? LongTermReason { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }

    private IContractGrain Grain(Guid id) => grains.GetGrain<IContractGrain>(id);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Amount = MoneyFormat.Number(Contract.Amount);
        TermEnd = Contract.TermEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        LongTermReason = Contract.LongTermReason;
        Version = Contract.Version;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id) =>
        this.ActAsync(id, LoadAsync, async () =>
        {
            var errors = ImmutableArray.CreateBuilder<FieldError>();
            var amount = FormParse.Money(Amount, nameof(Amount), errors);
            var termEnd = FormParse.Date(TermEnd, nameof(TermEnd), errors, "请填写服务期限截止日期（年-月-日）");
            if (amount is null || termEnd is null)
            {
                return errors.ToImmutable();
            }
            var result = await Grain(id).AmendAsync(Contract.StreetId, Version, amount.Value, termEnd.Value, LongTermReason, Reason ?? "", tenant.DisplayName);
            // ContractTerm names the term's end "TermEnd" and its reason "LongTermReason", as this form does.
            return result.Errors;
        }, "合同变更已保存");

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await tenant.StreetContractAsync(grains, id) is not { } contract)
        {
            return false;
        }
        Contract = contract;
        return true;
    }
}
