using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Web.Infrastructure.Pages;

namespace Marketplace.Web.Pages.Ngo.Rounds;

/// <summary>The proposal form with its budget table (三行预算明细); text parsed here with Chinese messages.</summary>
public sealed class ApplyInput
{
    [Display(Name = "项目名称")] public string? Title { get; set; }
    [Display(Name = "项目类别")] public string? Category { get; set; }
    [Display(Name = "申请资助金额（元）")] public string? Request { get; set; }
    [Display(Name = "服务对象")] public string? TargetBeneficiaries { get; set; }
    [Display(Name = "受益人数")] public string? Beneficiaries { get; set; }
    [Display(Name = "预期成效与指标")] public string? Outcomes { get; set; }
    [Display(Name = "项目团队")] public string? Team { get; set; }
    [Display(Name = "持证社工人数")] public string? CertifiedSocialWorkers { get; set; } = "0";
    [Display(Name = "配套资金（元）")] public string? MatchingFunds { get; set; } = "0";
    [Display(Name = "预算明细")] public string? BudgetLines { get; set; }
    public List<string?> LineCategory { get; set; } = ["", "", ""];
    public List<string?> LineItem { get; set; } = ["", "", ""];
    public List<string?> LineAmount { get; set; } = ["", "", ""];

    public (RoundProposal? Proposal, List<FieldError> Errors) Parse()
    {
        var errors = new List<FieldError>();
        Money Amount(string field, string? text) => FormParse.Money(text, field, errors) ?? Money.Zero; // nothing is saved while errors stand
        int Count(string field, string? text)
        {
            if (int.TryParse((text ?? "").Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
            errors.Add(new(field, "请填写整数"));
            return 0;
        }
        var request = Amount(nameof(Request), Request);
        var matching = Amount(nameof(MatchingFunds), MatchingFunds);
        var beneficiaries = Count(nameof(Beneficiaries), Beneficiaries);
        var workers = Count(nameof(CertifiedSocialWorkers), CertifiedSocialWorkers);
        var lines = new List<BudgetLine>();
        for (var i = 0; i < LineAmount.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(LineAmount[i]) && string.IsNullOrWhiteSpace(LineItem.ElementAtOrDefault(i)))
            {
                continue; // an empty row of the table
            }
            if (MoneyFormat.TryParse(LineAmount[i], out var m, out var error))
            {
                lines.Add(new BudgetLine((LineCategory.ElementAtOrDefault(i) ?? "").Trim(), (LineItem.ElementAtOrDefault(i) ?? "").Trim(), m));
            }
            else
            {
                errors.Add(new(nameof(BudgetLines), $"预算明细第{i + 1}行：{error}"));
            }
        }
        return errors.Count > 0 ? (null, errors) : (new RoundProposal(Title ?? "", (Category ?? "").Trim(), request, [.. lines],
            (TargetBeneficiaries ?? "").Trim(), beneficiaries, (Outcomes ?? "").Trim(), (Team ?? "").Trim(), workers, matching, 0), errors);
    }
}
