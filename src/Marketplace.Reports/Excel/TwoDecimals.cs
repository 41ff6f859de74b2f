namespace Marketplace.Reports.Excel;

/// <summary>
/// A score written as a number shown with two decimals ("0.00"), e.g. 88.80 rather than 88.8, rounded
/// half away from zero (四舍五入) like the published scores.
/// </summary>
public readonly record struct TwoDecimals(decimal Value)
{
    public decimal Rounded => decimal.Round(Value, 2, MidpointRounding.AwayFromZero);
}
