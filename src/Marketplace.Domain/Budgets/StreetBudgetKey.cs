namespace Marketplace.Budgets;

/// <summary>The budget grain's key: "{streetId}:{year}".</summary>
public static class StreetBudgetKey
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public static string For(long streetId, int year) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{streetId}:{year}");

    public static bool TryParse(string key, out long streetId, out int year)
    {
        streetId = 0;
        year = 0;
        var parts = key.Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out streetId)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out year)
            && streetId > 0 && year is >= MinYear and <= MaxYear;
    }
}
