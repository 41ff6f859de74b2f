using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Web.Pages.Street.Tenders;

/// <summary>
/// The purchase-notice form. Amounts, weights, counts and times arrive as text and are parsed here with
/// Chinese messages, so bad input never reaches the binder's English errors.
/// </summary>
public sealed class TenderInput
{
    /// <summary>The ledger's funding sources, in the order of the form's amount fields.</summary>
    public static readonly FundingSource[] FundingSources = [.. Marketplace.Budgets.FundingSources.All];

    /// <summary>Notice field → form field, where they differ ("" = shown at the top of the form).</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldNames = new Dictionary<string, string>
    {
        [nameof(TenderNotice.TransferItemId)] = "",
        [nameof(EligibilityRequirements.MinimumCertifiedSocialWorkers)] = nameof(MinimumSocialWorkers),
    };

    [Display(Name = "项目名称")] public string? Title { get; set; }
    [Display(Name = "采购方式")] public PurchaseMethod Method { get; set; } = PurchaseMethod.ContractOutsourcing;
    [Display(Name = "最高限价（元）")] public string? Ceiling { get; set; }
    [Display(Name = "资金来源（元）")] public List<string?> Funding { get; set; } = ["", "", "", ""];
    [Display(Name = "服务期开始")] public string? ServiceStart { get; set; }
    [Display(Name = "服务期结束")] public string? ServiceEnd { get; set; }
    [Display(Name = "服务要求")] public string? Requirements { get; set; }
    [Display(Name = "必需材料（以顿号或逗号分隔）")] public string? RequiredDocuments { get; set; } = "服务方案、持证社工名单、法人登记证书";
    [Display(Name = "最少持证社工人数")] public string? MinimumSocialWorkers { get; set; } = "2";
    /// <summary>The notice's own non-price criteria (评审因素), one row each; see <see cref="CriterionRows"/>.</summary>
    /// <remarks>Empty by default, never the default rows: a form whose every row was removed posts none, and must not get them back.</remarks>
    [Display(Name = "评分因素")] public List<CriterionRow> Criteria { get; set; } = [];
    [Display(Name = "价格分")] public string? PriceWeight { get; set; } = "30";
    [Display(Name = "价格分说明")] public string? PriceDescription { get; set; }
    /// <summary>The 增加评分因素 / 删除 button pressed, if any: the form comes back with the rows changed, nothing saved.</summary>
    public string? RowCommand { get; set; }
    [Display(Name = "报名开始时间")] public string? OpensAt { get; set; }
    [Display(Name = "报名截止时间")] public string? Deadline { get; set; }
    [Display(Name = "最少有效申请数")] public string? MinimumValidApplications { get; set; } = "3";
    [Display(Name = "评审专家专业领域")] public string? ExpertField { get; set; } = "养老服务";

    /// <summary>
    /// The service period a new notice is offered: from the day after the registration deadline to the end
    /// of that budget year. A notice holds money in its start year's budget (TenderNotice.BudgetYear), and
    /// only the current year's budget is normally filed, so the default must not spill into next year: in
    /// December (deadline 12-22) it is 12-23 … 12-31. A deadline on 12-30 or 12-31 would leave no day, so
    /// the start is held at 12-30 and the official edits the period (or files next year's budget).
    /// </summary>
    public static (DateOnly Start, DateOnly End) DefaultServicePeriod(DateOnly deadlineDay)
    {
        var yearEnd = new DateOnly(deadlineDay.Year, 12, 31);
        var start = deadlineDay.AddDays(1) < yearEnd ? deadlineDay.AddDays(1) : yearEnd.AddDays(-1);
        return (start, yearEnd);
    }

    /// <summary>Which budget the period typed in draws on, e.g. "使用 2026 年度预算"; empty while the start is unreadable.</summary>
    public string BudgetYearText =>
        DateOnly.TryParseExact((ServiceStart ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? $"使用 {d.Year} 年度预算（按服务期开始年度）" : "";

    public static string Local(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static TenderInput From(TenderNotice n) => new()
    {
        Title = n.Title, Method = n.Method, Ceiling = MoneyFormat.Number(n.Ceiling),
        Funding = [.. FundingSources.Select(s => (n.Funding.FirstOrDefault(f => f.Source == s) is { } f ? MoneyFormat.Number(f.Amount) : ""))],
        ServiceStart = n.ServiceStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ServiceEnd = n.ServiceEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Requirements = n.Requirements, RequiredDocuments = string.Join("、", n.RequiredDocuments),
        MinimumSocialWorkers = n.Eligibility.MinimumCertifiedSocialWorkers.ToString(CultureInfo.InvariantCulture),
        Criteria = CriterionRows.From(n),
        PriceWeight = n.Criteria.Price()?.Weight.ToString("0.##", CultureInfo.InvariantCulture) ?? "", PriceDescription = n.Criteria.Price()?.Description,
        OpensAt = Local(n.OpensAt), Deadline = Local(n.Deadline),
        MinimumValidApplications = n.MinimumValidApplications.ToString(CultureInfo.InvariantCulture), ExpertField = n.ExpertField,
    };

    /// <summary>Applies the 增加评分因素 / 删除 button, if one was pressed (then nothing is saved).</summary>
    public bool ApplyRowCommand() => CriterionRows.Apply(Criteria, RowCommand);

    /// <summary>The notice, or every field that could not be read.</summary>
    public (TenderNotice? Notice, List<FieldError> Errors) ToNotice(Guid transferItemId, ImmutableArray<ProviderType> providerTypes)
    {
        var errors = new List<FieldError>();
        var ceiling = ParseMoney(nameof(Ceiling), "最高限价", Ceiling, errors);
        var funding = new List<FundingShare>();
        for (var i = 0; i < FundingSources.Length; i++)
        {
            var text = i < Funding.Count ? Funding[i] : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (MoneyFormat.TryParse(text, out var amount, out var error))
            {
                funding.Add(new FundingShare(FundingSources[i], amount));
            }
            else
            {
                errors.Add(new(nameof(Funding), FundingSources[i].Chinese() + "：" + error));
            }
        }
        var start = ParseDate(nameof(ServiceStart), ServiceStart, errors);
        var end = ParseDate(nameof(ServiceEnd), ServiceEnd, errors);
        var opens = ParseTime(nameof(OpensAt), OpensAt, errors);
        var deadline = ParseTime(nameof(Deadline), Deadline, errors);
        var workers = ParseInt(nameof(MinimumSocialWorkers), MinimumSocialWorkers, errors);
        var minimum = ParseInt(nameof(MinimumValidApplications), MinimumValidApplications, errors);
        var criteria = CriterionRows.Read(Criteria, PriceWeight, PriceDescription, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var documents = (RequiredDocuments ?? "").Split(['、', ',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var notice = new TenderNotice(transferItemId, (Title ?? "").Trim(), Method, ceiling, [.. funding], start, end,
            (Requirements ?? "").Trim(), [.. documents.Distinct()], new EligibilityRequirements(providerTypes, workers, true),
            criteria,
            opens, deadline, minimum, (ExpertField ?? "").Trim());
        return (notice, errors);
    }

    private static Money ParseMoney(string field, string label, string? text, List<FieldError> errors)
    {
        if (MoneyFormat.TryParse(text, out var m, out var error))
        {
            return m;
        }
        errors.Add(new(field, label + "：" + error));
        return Money.Zero;
    }

    private static DateOnly ParseDate(string field, string? text, List<FieldError> errors)
    {
        if (DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        errors.Add(new(field, "请输入日期，格式如 2026-04-01"));
        return default;
    }

    public static DateTimeOffset? TryParseTime(string? text) =>
        DateTime.TryParseExact((text ?? "").Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? new DateTimeOffset(t, ChinaTime.Offset).ToUniversalTime() : null; // stored in UTC (PostgreSQL timestamptz takes UTC only)

    private static DateTimeOffset ParseTime(string field, string? text, List<FieldError> errors)
    {
        if (TryParseTime(text) is { } t)
        {
            return t;
        }
        errors.Add(new(field, "请输入时间，格式如 2026-04-01 09:00"));
        return default;
    }

    private static int ParseInt(string field, string? text, List<FieldError> errors)
    {
        if (int.TryParse((text ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1000)
        {
            return n;
        }
        errors.Add(new(field, "请输入0至1000之间的整数"));
        return 0;
    }
}
