using System.Globalization;
using Marketplace.Domain;

namespace Marketplace.Reports.Documents;

/// <summary>Wording shared by the budget reports, so a mark reads the same in every document.</summary>
internal static class ReportText
{
    public const string FloorMet = "达标";
    public const string FloorNotMet = "未达标";
    public const string GrowthMet = "符合";
    public const string GrowthNotMet = "不符合";
    public const string Dash = "—";

    public static readonly string[] BudgetSeries = ["年度预算", "已承诺", "已支付"];

    public static string FloorMark(bool met) => met ? FloorMet : FloorNotMet;

    public static string GrowthMark(bool met, bool hasLastYear) => !hasLastYear ? Dash : met ? GrowthMet : GrowthNotMet;

    /// <summary>"不少于 2,000,000.00 元": the floor line exactly as budget documents state it.</summary>
    public static string FloorLine(Money floor) => $"不少于 {MoneyFormat.Plain(floor)} 元";

    /// <summary>Share as a percentage with two decimals; a dash when there is nothing to divide by.</summary>
    public static string Percent(Money part, Money whole) =>
        whole.IsZero ? Dash : (decimal.Round(part.Yuan / whole.Yuan * 100m, 2, MidpointRounding.AwayFromZero)).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static string Date(DateOnly date) => Layout.ChineseDate.Format(date);

    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
