namespace Marketplace.Web.Pages.Street.Tenders;

/// <summary>
/// The draw record's skipped experts ("钱明：已停用") as the panel record shows them: an expert the district
/// deactivated was never a candidate, so he is listed as 已停用, not under 回避 (which is a conflict of
/// interest or an exclusion rule of 财库〔2016〕198号 applied to an active expert).
/// </summary>
public static class PanelSkips
{
    private const string Deactivated = "：已停用";

    public static string Text(IEnumerable<string> skipped)
    {
        var list = skipped.ToList();
        var excluded = list.Where(s => !s.EndsWith(Deactivated, StringComparison.Ordinal)).ToList();
        var stopped = list.Where(s => s.EndsWith(Deactivated, StringComparison.Ordinal)).Select(s => s[..^Deactivated.Length]).ToList();
        return (excluded.Count == 0 ? "" : "；回避：" + string.Join("，", excluded))
            + (stopped.Count == 0 ? "" : "；已停用（未参加抽取）：" + string.Join("，", stopped));
    }
}
