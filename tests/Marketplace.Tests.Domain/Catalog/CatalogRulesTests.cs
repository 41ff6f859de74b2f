using Marketplace.Catalog;
using Marketplace.Domain;

namespace Marketplace.Tests.Domain.Catalog;

public sealed class CatalogRulesTests
{
    private static readonly HashSet<string> Areas = ["elderly", "legal-aid"];

    private static TransferItemDraft Valid() => new("居家养老上门服务", "助餐助洁", [ProviderType.SocialWorkAgency],
        "持证社工不少于2名", "", "elderly", Money.FromYuan(680_000m), PurchaseNature.Service, "A0101");

    [Fact]
    public void Complete_draft_has_no_errors() => Assert.Empty(CatalogRules.Validate(Valid(), Areas));

    [Fact]
    public void Every_missing_field_is_named_at_once()
    {
        var errors = CatalogRules.Validate(Valid() with { Title = " ", Content = "", Requirements = "", ProviderTypes = [], ServiceAreaCode = "" }, Areas);
        Assert.Equal(
            [nameof(TransferItemDraft.Title), nameof(TransferItemDraft.Content), nameof(TransferItemDraft.Requirements),
             nameof(TransferItemDraft.ProviderTypes), nameof(TransferItemDraft.ServiceAreaCode)],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void Title_over_limit_is_refused() =>
        Assert.Contains(CatalogRules.Validate(Valid() with { Title = new string('字', CatalogRules.TitleMax + 1) }, Areas),
            e => e.Field == nameof(TransferItemDraft.Title));

    [Fact]
    public void Title_at_limit_is_accepted() =>
        Assert.Empty(CatalogRules.Validate(Valid() with { Title = new string('字', CatalogRules.TitleMax) }, Areas));

    [Fact]
    public void Zero_budget_and_unknown_area_are_refused()
    {
        var errors = CatalogRules.Validate(Valid() with { ReferenceBudget = Money.Zero, ServiceAreaCode = "mars" }, Areas);
        Assert.Contains(errors, e => e.Field == nameof(TransferItemDraft.ReferenceBudget));
        Assert.Contains(errors, e => e.Field == nameof(TransferItemDraft.ServiceAreaCode));
    }

    [Fact]
    public void Undefined_provider_type_is_refused() =>
        Assert.Contains(CatalogRules.Validate(Valid() with { ProviderTypes = [(ProviderType)99] }, Areas),
            e => e.Field == nameof(TransferItemDraft.ProviderTypes));

    [Fact]
    public void Normalise_trims_and_orders_provider_types()
    {
        var d = CatalogRules.Normalise(Valid() with { Title = "  居家养老 ", ProviderTypes = [ProviderType.Enterprise, ProviderType.SocialGroup, ProviderType.Enterprise] });
        Assert.Equal("居家养老", d.Title);
        Assert.Equal(new[] { ProviderType.SocialGroup, ProviderType.Enterprise }, d.ProviderTypes.ToArray());
    }
}
