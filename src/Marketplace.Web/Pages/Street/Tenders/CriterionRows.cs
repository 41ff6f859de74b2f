using System.Globalization;
using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Web.Pages.Street.Tenders;

/// <summary>One non-price criterion row of the notice form, as typed (the code travels in a hidden field).</summary>
public sealed class CriterionRow
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Weight { get; set; }
    public string? Description { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Weight) && string.IsNullOrWhiteSpace(Description);
}

/// <summary>
/// The rows of the form's 评分标准 table: adding and removing rows without saving (server-rendered, no script
/// needed), and reading them into the notice's criteria list with Chinese messages beside each cell.
/// </summary>
public static class CriterionRows
{
    /// <summary>The submit value of the 增加评分因素 button.</summary>
    public const string Add = "add";

    /// <summary>The submit value prefix of a row's 删除 button, followed by the row's index.</summary>
    public const string RemovePrefix = "remove:";

    public static List<CriterionRow> From(TenderNotice notice) =>
    [
        .. notice.Criteria.NonPrice().Select(c => new CriterionRow
        {
            Code = c.Code, Name = c.Name, Weight = c.Weight.ToString("0.##", CultureInfo.InvariantCulture), Description = c.Description,
        }),
    ];

    /// <summary>The rows a new notice starts from: 服务方案 40, 服务团队 20, 服务经验 10 (价格 30 beside them).</summary>
    public static List<CriterionRow> Default() =>
        [.. StandardCriteria.With(40m, 20m, 10m, 30m).NonPrice().Select(c => new CriterionRow { Code = c.Code, Name = c.Name, Weight = c.Weight.ToString("0.##", CultureInfo.InvariantCulture) })];

    /// <summary>Applies an add/remove button; true when one was pressed (the form is shown again, nothing saved).</summary>
    public static bool Apply(List<CriterionRow> rows, string? command)
    {
        if (command == Add)
        {
            rows.RemoveAll(r => r.IsBlank);
            rows.Add(new CriterionRow());
            return true;
        }
        if (command is not null && command.StartsWith(RemovePrefix, StringComparison.Ordinal))
        {
            if (int.TryParse(command[RemovePrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < rows.Count)
            {
                rows.RemoveAt(k);
            }
            return true;
        }
        return false;
    }

    /// <summary>
    /// The criteria list from the rows (blank rows dropped, so the rows shown again are the ones read) and
    /// the price weight; every weight that is not a number gets its message beside it, and the list's own
    /// rules (names empty or repeated) are checked at once so one submit shows every reason.
    /// </summary>
    public static System.Collections.Immutable.ImmutableArray<ScoringCriterion> Read(
        List<CriterionRow> rows, string? priceWeight, string? priceDescription, List<FieldError> errors)
    {
        rows.RemoveAll(r => r.IsBlank);
        var read = new List<(string? Code, string Name, decimal Weight, string? Description)>();
        var unreadable = false;
        for (var k = 0; k < rows.Count; k++)
        {
            var weight = Weight(rows[k].Weight);
            if (weight is null)
            {
                errors.Add(new(ScoringCriteria.RowField(k, nameof(CriterionRow.Weight)), "请输入0至100之间的分值"));
                unreadable = true;
            }
            read.Add((rows[k].Code, rows[k].Name ?? "", weight ?? 0m, rows[k].Description));
        }
        var price = Weight(priceWeight);
        if (price is null)
        {
            errors.Add(new(ScoringCriteria.PriceField, "请输入0至100之间的分值"));
            unreadable = true;
        }
        var criteria = ScoringCriteria.Build(read, price ?? 0m, priceDescription);
        if (unreadable)
        {
            // The weights are not all numbers yet: only the rules that do not depend on them.
            errors.AddRange(ScoringCriteria.Validate(criteria).Where(e => e.Field.EndsWith(".Name", StringComparison.Ordinal) || e.Field.EndsWith(".Description", StringComparison.Ordinal)));
        }
        return criteria;
    }

    private static decimal? Weight(string? text) =>
        decimal.TryParse((text ?? "").Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var w) && w <= 100m ? w : null;
}
