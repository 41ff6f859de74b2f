using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.District.Contracts;

/// <summary>
/// 合同管理设置 of the district: default tranche schedule, evaluation source weights (sum 100) and indicator
/// sheets, 整改 days and the reminder before report due dates. New contracts copy them when drafted.
/// </summary>
public sealed class SettingsModel(IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public static readonly TrancheGate[] Gates = [TrancheGate.Signing, TrancheGate.MidTerm, TrancheGate.Final];
    public static readonly EvaluationSource[] Sources = [EvaluationSource.Self, EvaluationSource.Peer, EvaluationSource.Public, EvaluationSource.ThirdParty];

    // Indicators keep their codes by name, so 服务完成度 stays the one reconciled from delivered units.
    private static readonly Dictionary<string, string> KnownCodes =
        EvaluationScoring.Default.SelectMany(s => s.Indicators).DistinctBy(i => i.Name).ToDictionary(i => i.Name, i => i.Code);

    public ContractSettingsView View { get; private set; } = default!;

    [BindProperty] public string?[] Shares { get; set; } = [];
    [BindProperty] public string?[] Weights { get; set; } = [];
    [BindProperty] public string?[] Indicators { get; set; } = [];
    [BindProperty] public string? RectificationDays { get; set; }
    [BindProperty] public string? ReminderDays { get; set; }
    [BindProperty] public int Version { get; set; }

    private IDistrictContractSettingsGrain? Grain => tenant.DistrictId is { } d ? grains.GetGrain<IDistrictContractSettingsGrain>(d) : null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Grain is not { } grain)
        {
            return NotFound();
        }
        View = await grain.GetAsync();
        var s = View.Settings;
        Shares = [.. Gates.Select(g => s.Schedule.FirstOrDefault(p => p.Gate == g)?.SharePercent.ToString("0.##", CultureInfo.InvariantCulture) ?? "")];
        Weights = [.. Sources.Select(src => s.Sheets.FirstOrDefault(x => x.Source == src)?.Weight.ToString("0.##", CultureInfo.InvariantCulture) ?? "")];
        Indicators = [.. Sources.Select(src => string.Join("\n", s.Sheets.FirstOrDefault(x => x.Source == src)?.Indicators
            .Select(i => $"{i.Name} {i.Weight.ToString("0.##", CultureInfo.InvariantCulture)}") ?? []))];
        RectificationDays = s.RectificationDays.ToString(CultureInfo.InvariantCulture);
        ReminderDays = s.ReminderDays.ToString(CultureInfo.InvariantCulture);
        Version = View.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Grain is not { } grain)
        {
            return NotFound();
        }
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var schedule = new List<TranchePlan>();
        for (var i = 0; i < Gates.Length; i++)
        {
            var text = i < Shares.Length ? Shares[i]?.Trim() : null;
            if (string.IsNullOrEmpty(text))
            {
                continue; // a blank share leaves that tranche out
            }
            if (!decimal.TryParse(text.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var share))
            {
                errors.Add(new($"Shares[{i}]", "请填写比例（数字）"));
                continue;
            }
            schedule.Add(new TranchePlan(Gates[i], share));
        }
        var sheets = new List<SourceSheet>();
        for (var i = 0; i < Sources.Length; i++)
        {
            if (!decimal.TryParse(i < Weights.Length ? Weights[i] : null, NumberStyles.Number, CultureInfo.InvariantCulture, out var weight))
            {
                errors.Add(new($"Weights[{i}]", "请填写权重（数字）"));
                continue;
            }
            if (ParseSheet(i < Indicators.Length ? Indicators[i] : null, out var sheet) is { } sheetError)
            {
                errors.Add(new($"Indicators[{i}]", sheetError));
                continue;
            }
            sheets.Add(new SourceSheet(Sources[i], weight, sheet));
        }
        var rectification = FormParse.Count(RectificationDays, nameof(RectificationDays), errors, "请填写整改期限（天数）");
        var reminder = FormParse.Count(ReminderDays, nameof(ReminderDays), errors, "请填写提前提醒的天数");
        if (errors.Count == 0)
        {
            var result = await grain.UpdateAsync(Version, new ContractSettings([.. schedule], [.. sheets], rectification!.Value, reminder!.Value), tenant.DisplayName);
            if (result.Succeeded)
            {
                TempData["Notice"] = "合同管理设置已保存，新草拟的合同按此执行";
                return RedirectToPage();
            }
            // The schedule's errors belong beside the shares; the sheets' beside the weights.
            errors.AddRange(result.Errors.Select(e => e.Field.StartsWith("Schedule", StringComparison.Ordinal) ? e with { Field = "Shares" } : e));
        }
        ModelState.AddOutcome(errors.ToImmutable());
        View = await grain.GetAsync();
        return Page();
    }

    /// <summary>One indicator a line: "名称 分值" (e.g. "服务质量 30").</summary>
    private static string? ParseSheet(string? text, out ImmutableArray<Indicator> sheet)
    {
        var indicators = ImmutableArray.CreateBuilder<Indicator>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var n = 0; n < lines.Length; n++)
        {
            var cut = lines[n].LastIndexOfAny([' ', '\t', '　', '：', ':']);
            var name = cut > 0 ? lines[n][..cut].Trim() : "";
            if (name.Length is 0 or > 20 || !decimal.TryParse(lines[n][(cut + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture, out var weight))
            {
                sheet = [];
                return $"第{n + 1}行应为“指标名称 分值”，例如“服务质量 30”";
            }
            indicators.Add(new Indicator(KnownCodes.GetValueOrDefault(name) ?? $"i{n + 1}", name, weight));
        }
        sheet = indicators.ToImmutable();
        return sheet.IsEmpty ? "请至少填写一项指标" : null;
    }
}
