using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;
using Marketplace.Catalog;
using Marketplace.Domain;

namespace Marketplace.Web.Pages.Street.Catalog;

/// <summary>
/// The transfer-item form. Amounts arrive as text and are parsed by <see cref="MoneyFormat.TryParse"/>,
/// so "abc", "1e309" or "-1" get a Chinese message rather than a binder error.
/// </summary>
public sealed class TransferItemInput
{
    [Display(Name = "服务事项")]
    public string? Title { get; set; }

    [Display(Name = "具体内容")]
    public string? Content { get; set; }

    [Display(Name = "承接主体")]
    public List<ProviderType> ProviderTypes { get; set; } = [];

    [Display(Name = "服务要求")]
    public string? Requirements { get; set; }

    [Display(Name = "相关材料")]
    public string? Materials { get; set; }

    [Display(Name = "指导性目录条目")]
    public string? GuidingEntryCode { get; set; }

    [Display(Name = "参考预算（元）")]
    public string? ReferenceBudget { get; set; }

    [Display(Name = "事项性质")]
    public PurchaseNature Nature { get; set; } = PurchaseNature.Service;

    public int Version { get; set; }

    public static TransferItemInput From(TransferItem item) => new()
    {
        Title = item.Fields.Title,
        Content = item.Fields.Content,
        ProviderTypes = [.. item.Fields.ProviderTypes],
        Requirements = item.Fields.Requirements,
        Materials = item.Fields.Materials,
        GuidingEntryCode = item.Fields.GuidingEntryCode,
        ReferenceBudget = MoneyFormat.Number(item.Fields.ReferenceBudget),
        Nature = item.Fields.Nature,
        Version = item.Version,
    };

    /// <summary>The draft to send to the catalog grain, or the parse error of the budget field.</summary>
    public (TransferItemDraft? Draft, FieldError? Error) ToDraft(string serviceAreaCode)
    {
        if (!MoneyFormat.TryParse(ReferenceBudget, out var budget, out var error))
        {
            return (null, new FieldError(nameof(ReferenceBudget), "参考预算：" + error));
        }
        return (new TransferItemDraft(Title ?? "", Content ?? "", [.. ProviderTypes], Requirements ?? "",
            Materials ?? "", serviceAreaCode, budget, Nature, GuidingEntryCode), null);
    }

    /// <summary>The draft with a zero budget, to check the other fields when the budget text is unreadable.</summary>
    public TransferItemDraft ToDraftIgnoringBudget(string serviceAreaCode) =>
        new(Title ?? "", Content ?? "", [.. ProviderTypes], Requirements ?? "", Materials ?? "", serviceAreaCode,
            Money.Zero, Nature, GuidingEntryCode);
}
