using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tendering;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Pages.Street.Tenders;

namespace Marketplace.Web.Features.Rounds;

/// <summary>
/// The round form of a street and of the district (create and edit a draft): text in, parsed here with Chinese messages;
/// the rules themselves are RoundRules'. A district round's form has one share line per street of the district.
/// </summary>
public sealed partial class RoundInput
{
    [Display(Name = "创投名称")] public string? Title { get; set; }
    [Display(Name = "主题")] public string? Theme { get; set; }
    [Display(Name = "项目类别（以顿号分隔）")] public string? Categories { get; set; } = string.Join("、", RoundSettings.DefaultCategories);
    [Display(Name = "资金池（元）")] public string? Pool { get; set; }
    [Display(Name = "资金来源")] public FundingSource Source { get; set; } = FundingSource.WelfareLottery;
    [Display(Name = "单个项目资助上限（元）")] public string? Cap { get; set; } = "50000";
    [Display(Name = "最低分")] public string? MinScore { get; set; } = "60";
    [Display(Name = "每个组织最多申报项目数")] public string? PerOrganizationLimit { get; set; } = "2";
    [Display(Name = "申报开始时间")] public string? OpensAt { get; set; }
    [Display(Name = "申报截止时间")] public string? Deadline { get; set; }
    [Display(Name = "服务领域代码")] public string? ServiceAreaCode { get; set; } = "elderly";
    [Display(Name = "评审指标及分值（以顿号分隔，合计100分）")] public string? Criteria { get; set; } = CriteriaText(RoundSettings.DefaultCriteria);
    [Display(Name = "配套资金比例（%，不要求填0）")] public string? MatchingPercent { get; set; } = "0";
    [Display(Name = "路演时间（不举行路演则不填）")] public string? RoadshowAt { get; set; }
    [Display(Name = "路演地点")] public string? RoadshowPlace { get; set; }
    [Display(Name = "签约期限（立项公示结束后天数）")] public string? SigningDays { get; set; } = RoundSettings.DefaultSigningDays.ToString(CultureInfo.InvariantCulture);
    /// <summary>A district round: street id → that street's share of the pool (元); a blank line means the street takes no part.</summary>
    [Display(Name = "各街道分担金额（元）")] public Dictionary<long, string?> Shares { get; set; } = [];

    /// <summary>The form of a draft being edited, as it was saved.</summary>
    public static RoundInput From(RoundSettings s) => new()
    {
        Title = s.Title, Theme = s.Theme, Categories = string.Join("、", s.Categories), Pool = MoneyFormat.Number(s.Pool), Source = s.Source,
        Cap = MoneyFormat.Number(s.Cap), MinScore = s.MinScore.ToString("0.##", CultureInfo.InvariantCulture),
        PerOrganizationLimit = s.PerOrganizationLimit.ToString(CultureInfo.InvariantCulture), OpensAt = TenderInput.Local(s.OpensAt),
        Deadline = TenderInput.Local(s.Deadline), ServiceAreaCode = s.ServiceAreaCode,
        Shares = (s.Shares.IsDefault ? [] : s.Shares).ToDictionary(x => x.StreetId, x => (string?)MoneyFormat.Number(x.Amount)),
        Criteria = CriteriaText(s.Criteria), MatchingPercent = s.MatchingPercent.ToString("0.##", CultureInfo.InvariantCulture),
        RoadshowAt = s.Roadshow is { } r ? TenderInput.Local(r.At) : null, RoadshowPlace = s.Roadshow?.Place,
        SigningDays = s.SigningDaysOrDefault.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The rules' field names that this form shows under another input (the roadshow's time and place are two inputs).</summary>
    public static IReadOnlyDictionary<string, string> ErrorFields { get; } = new Dictionary<string, string> { ["Roadshow"] = nameof(RoadshowAt) };

    /// <summary>"需求评估 15、项目设计 25、…", the form's text of a criteria list.</summary>
    public static string CriteriaText(IEnumerable<ScoringCriterion> criteria) =>
        string.Join("、", criteria.Select(c => $"{c.Name} {c.Weight.ToString("0.##", CultureInfo.InvariantCulture)}"));

    /// <summary>
    /// The criteria typed as "名称 分值" items; a name of the default list keeps its code (so scores read the same), others are
    /// numbered. The rules (weights = 100, no price criterion, no repeats) are RoundRules'.
    /// </summary>
    private static ImmutableArray<ScoringCriterion> ParseCriteria(string? text, List<FieldError> errors)
    {
        var list = ImmutableArray.CreateBuilder<ScoringCriterion>();
        var items = (text ?? "").Split(['、', ',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var item in items)
        {
            var match = CriterionItem().Match(item);
            if (!match.Success || !decimal.TryParse(match.Groups[2].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var weight))
            {
                errors.Add(new(nameof(Criteria), $"评审指标“{item}”应写成名称加分值，如：项目设计 25"));
                continue;
            }
            var name = match.Groups[1].Value.Trim();
            var code = RoundSettings.DefaultCriteria.FirstOrDefault(c => c.Name == name)?.Code ?? $"c{list.Count + 1}";
            list.Add(new ScoringCriterion(code, name, weight, false));
        }
        return list.ToImmutable();
    }

    [GeneratedRegex(@"^(.+?)\s*[:：]?\s*(\d+(?:\.\d+)?)\s*分?$")]
    private static partial Regex CriterionItem();

    /// <summary>
    /// Creates the draft round of <paramref name="organizer"/> from this form (the street's and the district's 新建 alike):
    /// its id, or the parse and rule errors by field with nothing saved.
    /// </summary>
    public async Task<(Guid? Id, List<FieldError> Errors)> CreateAsync(IGrainFactory grains, RoundOrganizer organizer, int year,
        IReadOnlyDictionary<long, string>? districtStreets, string user)
    {
        var (settings, errors) = Parse(year, districtStreets);
        if (settings is null)
        {
            return (null, errors);
        }
        var id = Guid.NewGuid();
        var created = await grains.GetGrain<IVentureRoundGrain>(id).CreateAsync(organizer, settings, user);
        return created.Succeeded ? (id, []) : (null, [.. created.Errors]);
    }

    /// <summary>
    /// The settings, or the parse errors by field (nothing reaches the grain while any is unreadable). <paramref name="districtStreets"/>
    /// is the organizing district's streets for a district round (a share may name only those), null for a street round (no shares).
    /// </summary>
    public (RoundSettings? Settings, List<FieldError> Errors) Parse(int year, IReadOnlyDictionary<long, string>? districtStreets = null)
    {
        var errors = new List<FieldError>();
        Money Amount(string field, string? text) => FormParse.Money(text, field, errors) ?? Money.Zero; // nothing is saved while errors stand
        var pool = Amount(nameof(Pool), Pool);
        var cap = Amount(nameof(Cap), Cap);
        if (!decimal.TryParse((MinScore ?? "").Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var min))
        {
            errors.Add(new(nameof(MinScore), "请填写最低分（数字）"));
        }
        if (!int.TryParse((PerOrganizationLimit ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
        {
            errors.Add(new(nameof(PerOrganizationLimit), "请填写整数"));
        }
        var opens = TenderInput.TryParseTime(OpensAt);
        var deadline = TenderInput.TryParseTime(Deadline);
        if (opens is null)
        {
            errors.Add(new(nameof(OpensAt), "请填写申报开始时间"));
        }
        if (deadline is null)
        {
            errors.Add(new(nameof(Deadline), "请填写申报截止时间"));
        }
        var criteria = ParseCriteria(Criteria, errors);
        if (!decimal.TryParse((MatchingPercent ?? "").Trim() is { Length: > 0 } mp ? mp : "0", NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var matching))
        {
            errors.Add(new(nameof(MatchingPercent), "请填写配套资金比例（0至100之间的数字）"));
        }
        var signingDays = 0; // blank: the default (RoundSettings.DefaultSigningDays)
        if (!string.IsNullOrWhiteSpace(SigningDays) && !int.TryParse(SigningDays.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out signingDays))
        {
            errors.Add(new(nameof(SigningDays), "请填写签约期限天数（整数）"));
        }
        Roadshow? roadshow = null;
        if (!string.IsNullOrWhiteSpace(RoadshowAt) || !string.IsNullOrWhiteSpace(RoadshowPlace))
        {
            if (TenderInput.TryParseTime(RoadshowAt) is { } at)
            {
                roadshow = new Roadshow(at, (RoadshowPlace ?? "").Trim()); // a blank place is RoundRules' refusal
            }
            else
            {
                errors.Add(new(nameof(RoadshowAt), "请填写路演时间，格式如 2026-04-01 09:00；不举行路演则时间和地点都不填"));
            }
        }
        var shares = new List<RoundStreetShare>();
        var streets = districtStreets ?? new Dictionary<long, string>();
        foreach (var (street, text) in districtStreets is null ? [] : Shares.Where(x => !string.IsNullOrWhiteSpace(x.Value)).OrderBy(x => x.Key).ToList())
        {
            if (!streets.ContainsKey(street))
            {
                // The grain holds the share in that street's ledger: only the district's own streets may pay (SPEC §3.9).
                errors.Add(new(nameof(Shares), $"编号为 {street} 的街道不属于本区，不能分担本区创投的资金池"));
            }
            else if (MoneyFormat.TryParse(text, out var share, out var error))
            {
                shares.Add(new(street, share));
            }
            else
            {
                errors.Add(new(RoundRules.ShareField(street), $"{streets[street]}：{error}"));
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var categories = (Categories ?? "").Split(['、', ',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (new RoundSettings(Title ?? "", Theme ?? "", [.. categories], pool, Source, cap, min, limit, opens!.Value, deadline!.Value,
            criteria, roadshow, matching, (ServiceAreaCode ?? "").Trim(), [.. shares], year) { SigningDays = signingDays }, errors);
    }
}
