using Marketplace.Domain;

namespace Marketplace.Web.Pages.Shared;

/// <summary>Turns the stored comma-separated provider types into their Chinese names.</summary>
public static class ProviderTypeText
{
    public static string Of(string csv) => string.Join("、", Names(csv));

    public static IEnumerable<string> Names(string csv) =>
        csv.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => Enum.TryParse<ProviderType>(n, out var t) ? t.Chinese() : n);
}
