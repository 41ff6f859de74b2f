using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Rounds;

/// <summary>
/// The rules of a round's settings and of a proposal. Field names are the form's, so each message shows
/// beside its field; nothing is saved while any is broken.
/// </summary>
public static class RoundRules
{
    public const int MaxTitle = 100;

    /// <summary>The field of one street's share of a district round (the form's line and the page's line for that street).</summary>
    public static string ShareField(long streetId) => $"Shares[{streetId}]";

    public static ImmutableArray<FieldError> ValidateSettings(RoundSettings s, long? organizerStreetId)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (string.IsNullOrWhiteSpace(s.Title) || s.Title.Trim().Length > MaxTitle)
        {
            errors.Add(new("Title", $"请填写创投名称（不超过{MaxTitle}字）"));
        }
        if (s.Categories.IsDefaultOrEmpty || s.Categories.All(string.IsNullOrWhiteSpace))
        {
            errors.Add(new("Categories", "请至少选择一个项目类别"));
        }
        if (s.Pool <= Money.Zero)
        {
            errors.Add(new("Pool", "资金池金额应大于0"));
        }
        if (s.Cap <= Money.Zero)
        {
            errors.Add(new("Cap", "单个项目资助上限应大于0"));
        }
        else if (s.Pool < s.Cap)
        {
            errors.Add(new("Pool", $"资金池 {s.Pool} 不能小于单个项目资助上限 {s.Cap}"));
        }
        if (s.MinScore is < 0m or > 100m)
        {
            errors.Add(new("MinScore", "最低分应在0至100分之间"));
        }
        if (s.SigningDays is < 0 or > RoundSettings.MaxSigningDays)
        {
            errors.Add(new("SigningDays", $"签约期限应在1至{RoundSettings.MaxSigningDays}日之间（不填为{RoundSettings.DefaultSigningDays}日）"));
        }
        if (s.PerOrganizationLimit < 1)
        {
            errors.Add(new("PerOrganizationLimit", "每个组织的申报项目数应至少为1"));
        }
        if (s.MatchingPercent is < 0m or > 100m)
        {
            errors.Add(new("MatchingPercent", "配套资金比例应在0至100%之间"));
        }
        if (s.Deadline <= s.OpensAt)
        {
            errors.Add(new("Deadline", "申报截止时间应晚于开始时间"));
        }
        errors.AddRange(ValidateCriteria(s.Criteria));
        if (string.IsNullOrWhiteSpace(s.ServiceAreaCode))
        {
            errors.Add(new("ServiceAreaCode", "请选择服务领域"));
        }
        if (s.Roadshow is { } r && (string.IsNullOrWhiteSpace(r.Place) || r.At < s.Deadline))
        {
            errors.Add(new("Roadshow", "路演应在申报截止之后，并填写地点"));
        }
        var shares = s.Shares.IsDefault ? [] : s.Shares;
        if (organizerStreetId is null)
        {
            // A district round: each street's share is encumbered in that street's own ledger.
            if (shares.IsEmpty || shares.Any(x => x.Amount <= Money.Zero) || shares.Select(x => x.StreetId).Distinct().Count() != shares.Length)
            {
                errors.Add(new("Shares", "区级创投请填写各街道分担的金额（每个街道一行，金额大于0）"));
            }
            else if (Money.Sum(shares.Select(x => x.Amount)) != s.Pool)
            {
                errors.Add(new("Shares", $"各街道分担金额合计 {Money.Sum(shares.Select(x => x.Amount))} 应等于资金池 {s.Pool}"));
            }
        }
        else if (!shares.IsEmpty)
        {
            errors.Add(new("Shares", "街道创投的资金池全部由本街道承担"));
        }
        return errors.ToImmutable();
    }

    /// <summary>Weights of the non-price criteria sum to 100; a round has no price criterion.</summary>
    public static ImmutableArray<FieldError> ValidateCriteria(ImmutableArray<ScoringCriterion> criteria)
    {
        if (criteria.IsDefaultOrEmpty)
        {
            return [new("Criteria", "请设置评审指标")];
        }
        if (criteria.Any(c => c.IsPrice))
        {
            return [new("Criteria", "公益创投按项目评审，不设价格分")];
        }
        if (criteria.Any(c => string.IsNullOrWhiteSpace(c.Name) || c.Weight <= 0m))
        {
            return [new("Criteria", "每项评审指标应有名称，分值大于0")];
        }
        if (criteria.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count() != criteria.Length)
        {
            return [new("Criteria", "评审指标重复")];
        }
        var sum = criteria.Sum(c => c.Weight);
        return sum == 100m ? [] : [new("Criteria", $"评审指标分值合计应为100分，现为{sum:0.##}分")];
    }

    /// <summary>
    /// A proposal: request within the cap and equal to its budget table, people to serve, the round's category,
    /// the matching funds the round asks for, and no more projects than the organization may propose.
    /// </summary>
    public static ImmutableArray<FieldError> ValidateProposal(RoundSettings round, RoundProposal p, int otherProjectsOfOrganization)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (string.IsNullOrWhiteSpace(p.Title) || p.Title.Trim().Length > MaxTitle)
        {
            errors.Add(new("Title", $"请填写项目名称（不超过{MaxTitle}字）"));
        }
        if (!round.Categories.Contains(p.Category))
        {
            errors.Add(new("Category", "请选择本次创投的项目类别"));
        }
        if (p.Request <= Money.Zero)
        {
            errors.Add(new("Request", "申请资助金额应大于0"));
        }
        else if (p.Request > round.Cap)
        {
            errors.Add(new("Request", $"申请资助金额 {p.Request} 超过单个项目上限 {round.Cap}"));
        }
        var lines = p.BudgetLines.IsDefault ? [] : p.BudgetLines;
        if (lines.IsEmpty || lines.Any(l => string.IsNullOrWhiteSpace(l.Category) || string.IsNullOrWhiteSpace(l.Item) || l.Amount <= Money.Zero))
        {
            errors.Add(new("BudgetLines", "请填写预算明细（每行有类别、项目和大于0的金额）"));
        }
        else if (Money.Sum(lines.Select(l => l.Amount)) is var total && total != p.Request)
        {
            errors.Add(new("BudgetLines", $"预算明细合计 {total} 应等于申请资助金额 {p.Request}"));
        }
        if (p.Beneficiaries <= 0)
        {
            errors.Add(new("Beneficiaries", "受益人数应大于0"));
        }
        if (string.IsNullOrWhiteSpace(p.TargetBeneficiaries))
        {
            errors.Add(new("TargetBeneficiaries", "请填写服务对象"));
        }
        if (string.IsNullOrWhiteSpace(p.Outcomes))
        {
            errors.Add(new("Outcomes", "请填写预期成效与指标"));
        }
        if (p.CertifiedSocialWorkers < 0)
        {
            errors.Add(new("CertifiedSocialWorkers", "持证社工人数不能为负数"));
        }
        if (p.MatchingFunds.IsNegative)
        {
            errors.Add(new("MatchingFunds", "配套资金不能为负数"));
        }
        else if (round.MatchingPercent > 0m && p.Request > Money.Zero && p.MatchingFunds < p.Request.Percent(round.MatchingPercent))
        {
            errors.Add(new("MatchingFunds", $"本次创投要求配套资金不低于申请金额的{round.MatchingPercent:0.##}%，即 {p.Request.Percent(round.MatchingPercent)}"));
        }
        if (!round.Shares.IsDefaultOrEmpty && !round.Shares.Any(s => s.StreetId == p.StreetId))
        {
            errors.Add(new("StreetId", "请选择项目服务的街道"));
        }
        if (otherProjectsOfOrganization >= round.PerOrganizationLimit)
        {
            errors.Add(new("", $"每个组织在本次创投中最多申报{round.PerOrganizationLimit}个项目"));
        }
        return errors.ToImmutable();
    }
}
