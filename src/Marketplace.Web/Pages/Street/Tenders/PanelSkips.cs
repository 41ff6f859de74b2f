using Marketplace.Tendering;

namespace Marketplace.Web.Pages.Street.Tenders;

/// <summary>
/// The draw record's skipped experts ("钱明：已停用") as the panel record shows them: an expert the district
/// deactivated, or one without an expert account, was never a candidate, so he is listed as not drawn for
/// that reason, not under 回避 (which is a conflict of interest or an exclusion rule of 财库〔2016〕198号
/// applied to an expert who could sit).
/// </summary>
public static class PanelSkips
{
    private static readonly string[] NotCandidates = ["已停用", PanelDraw.NoAccount];

    public static string Text(IEnumerable<string> skipped)
    {
        var list = skipped.ToList();
        string? ReasonOf(string s) => NotCandidates.FirstOrDefault(r => s.EndsWith("：" + r, StringComparison.Ordinal));
        var excluded = list.Where(s => ReasonOf(s) is null).ToList();
        var text = excluded.Count == 0 ? "" : "；回避：" + string.Join("，", excluded);
        foreach (var reason in NotCandidates)
        {
            var names = list.Where(s => ReasonOf(s) == reason).Select(s => s[..^(reason.Length + 1)]).ToList();
            text += names.Count == 0 ? "" : $"；{reason}（未参加抽取）：" + string.Join("，", names);
        }
        return text;
    }
}
