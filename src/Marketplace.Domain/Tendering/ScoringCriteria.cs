using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>
/// The rules of one notice's own criteria list (综合评分法, SPEC §3.5): the non-price criteria (评审因素)
/// and the price criterion together weigh 100 points, the price weight for services is 10–30
/// (财库〔2014〕214号 Art.24; 87号令 Art.55 sets the floor of 10%), at least one non-price criterion, each
/// named once. Errors name the field the way a form lists the rows: <c>Criteria[k].Name</c> for the k-th
/// non-price criterion (0-based, in the notice's order), <c>PriceWeight</c> for the price criterion,
/// <c>Criteria</c> for the list as a whole.
/// </summary>
public static class ScoringCriteria
{
    public const string ListField = "Criteria";
    public const string PriceField = "PriceWeight";
    public const string PriceCode = StandardCriteria.Price;
    public const string PriceName = "价格";

    public const decimal Total = 100m;
    public const decimal MinimumPriceWeight = 10m;
    public const decimal MaximumPriceWeight = 30m;
    public const int MaximumCount = 20;
    public const int MaximumNameLength = 50;
    public const int MaximumDescriptionLength = 500;

    /// <summary>The field of the k-th non-price criterion's <paramref name="part"/> (Name, Weight, Description).</summary>
    public static string RowField(int k, string part) => $"{ListField}[{k.ToString(CultureInfo.InvariantCulture)}].{part}";

    /// <summary>The non-price criteria in the notice's order (the rows of the form and the columns of the results).</summary>
    public static IEnumerable<ScoringCriterion> NonPrice(this ImmutableArray<ScoringCriterion> criteria) =>
        criteria.IsDefault ? [] : criteria.Where(c => !c.IsPrice);

    /// <summary>The price criterion, or null when the list has none.</summary>
    public static ScoringCriterion? Price(this ImmutableArray<ScoringCriterion> criteria) =>
        criteria.IsDefault ? null : criteria.FirstOrDefault(c => c.IsPrice);

    /// <summary>
    /// A list from the official's rows and price weight: names and descriptions trimmed (an empty description
    /// is none), the price criterion last. A row without a code gets the first free <c>c1</c>, <c>c2</c>, …, so
    /// a renamed row keeps its code and the experts' sheets stay keyed by it.
    /// </summary>
    public static ImmutableArray<ScoringCriterion> Build(
        IReadOnlyList<(string? Code, string Name, decimal Weight, string? Description)> rows, decimal priceWeight, string? priceDescription = null)
    {
        var taken = rows.Select(r => r.Code).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).ToHashSet(StringComparer.Ordinal);
        var next = 1;
        string FreeCode()
        {
            while (!taken.Add($"c{next}"))
            {
                next++;
            }
            return $"c{next}";
        }
        var list = rows.Select(r => new ScoringCriterion(
            string.IsNullOrWhiteSpace(r.Code) ? FreeCode() : r.Code.Trim(), (r.Name ?? "").Trim(), r.Weight, false, Blank(r.Description)));
        return [.. list, new ScoringCriterion(PriceCode, PriceName, priceWeight, true, Blank(priceDescription))];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Every reason the list cannot be published, each beside the row or the field it concerns.</summary>
    public static ImmutableArray<FieldError> Validate(ImmutableArray<ScoringCriterion> criteria)
    {
        if (criteria.IsDefaultOrEmpty)
        {
            return [new(ListField, "请设置评分标准")];
        }
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var rows = criteria.NonPrice().ToList();
        if (rows.Count == 0)
        {
            errors.Add(new(ListField, "至少设置一项非价格评分因素（如服务方案）"));
        }
        else if (rows.Count > MaximumCount)
        {
            errors.Add(new(ListField, $"评分因素最多{MaximumCount}项"));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < rows.Count; k++)
        {
            var c = rows[k];
            var name = (c.Name ?? "").Trim();
            if (name.Length == 0)
            {
                errors.Add(new(RowField(k, "Name"), "请填写评分因素名称"));
            }
            else if (name.Length > MaximumNameLength)
            {
                errors.Add(new(RowField(k, "Name"), $"评分因素名称不能超过{MaximumNameLength}个字"));
            }
            else if (name == PriceName || !seen.Add(name))
            {
                errors.Add(new(RowField(k, "Name"), $"评分因素名称“{name}”重复，每项名称须不同"));
            }
            if (c.Weight <= 0m || decimal.Round(c.Weight, 2) != c.Weight)
            {
                errors.Add(new(RowField(k, "Weight"), "分值必须大于0，最多两位小数"));
            }
            if (c.Description is { Length: > MaximumDescriptionLength })
            {
                errors.Add(new(RowField(k, "Description"), $"评分说明不能超过{MaximumDescriptionLength}个字"));
            }
        }
        var prices = criteria.Where(c => c.IsPrice).ToList();
        if (prices.Count != 1)
        {
            errors.Add(new(PriceField, "必须有且只有一项价格分"));
        }
        else if (prices[0].Weight is < MinimumPriceWeight or > MaximumPriceWeight)
        {
            errors.Add(new(PriceField,
                $"价格分权重应在{MinimumPriceWeight:0}至{MaximumPriceWeight:0}分之间，现为{prices[0].Weight:0.##}分（财库〔2014〕214号第二十四条：服务项目价格分值为10%至30%）"));
        }
        else if (prices[0].Description is { Length: > MaximumDescriptionLength })
        {
            errors.Add(new(PriceField, $"价格分说明不能超过{MaximumDescriptionLength}个字"));
        }
        if (criteria.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count() != criteria.Length || criteria.Any(c => string.IsNullOrWhiteSpace(c.Code)))
        {
            errors.Add(new(ListField, "评分因素编号不能为空或重复"));
        }
        var total = criteria.Sum(c => c.Weight);
        if (total != Total)
        {
            errors.Add(new(ListField, $"各评分因素分值合计必须为100分，现为{total:0.##}分"));
        }
        return errors.ToImmutable();
    }
}
