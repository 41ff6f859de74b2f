namespace Marketplace.Bench.Http;

/// <summary>
/// Where a start-up's time went, from the app's own log (issue 15): the migrator's and the seeder's
/// timing lines and Kestrel's "Now listening", each enabled at Information for the bench while every other
/// category stays at Warning.
/// </summary>
internal static class StartupProbe
{
    private static readonly string[] Categories =
    [
        "Marketplace.Web.Infrastructure.Database.DatabaseMigrator",
        "Marketplace.Web.Infrastructure.Seeding.DemoDataSeeder",
    ];

    /// <summary>Configuration that turns the timing lines on.</summary>
    public static void Enable(IDictionary<string, string> environment)
    {
        foreach (var c in Categories)
        {
            environment[$"Logging__LogLevel__{c}"] = "Information";
        }
    }

    /// <summary>The timing lines of one start-up (the console logger writes the message on the line after its category).</summary>
    public static string Breakdown(IReadOnlyList<string> output)
    {
        var lines = new List<string>();
        for (var i = 0; i + 1 < output.Count; i++)
        {
            if (Categories.Any(c => output[i].Contains(c, StringComparison.Ordinal)))
            {
                lines.Add(output[i + 1].Trim());
            }
        }
        return lines.Count == 0 ? "no timing lines in the log" : string.Join("; ", lines);
    }
}
