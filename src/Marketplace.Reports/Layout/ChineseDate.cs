using System.Globalization;

namespace Marketplace.Reports.Layout;

public static class ChineseDate
{
    /// <summary>2026年11月22日, as official notices write dates.</summary>
    public static string Format(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
