using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>Rules of a purchase notice and its application window (SPEC §3.3, 87号令, 财库〔2014〕214号).</summary>
public static class TenderRules
{
    public const int DefaultMinimumValidApplications = 3;

    /// <summary>A notice changed within this time before its deadline gets its deadline moved out to it.</summary>
    public static readonly TimeSpan MinimumNoticeAfterChange = TimeSpan.FromDays(3);

    /// <summary>From this ceiling on, the panel has at least five members.</summary>
    public static readonly Money LargePurchaseCeiling = Money.FromYuan(1_000_000m);

    public static ImmutableArray<FieldError> Validate(TenderNotice n, DateTimeOffset now)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (string.IsNullOrWhiteSpace(n.Title))
        {
            errors.Add(new(nameof(n.Title), "请填写项目名称"));
        }
        else if (n.Title.Length > 100)
        {
            errors.Add(new(nameof(n.Title), "项目名称不能超过100个字"));
        }
        if (!Enum.IsDefined(n.Method))
        {
            errors.Add(new(nameof(n.Method), "请选择采购方式（合同外包或项目委托）"));
        }
        if (n.Ceiling.Yuan <= 0m)
        {
            errors.Add(new(nameof(n.Ceiling), "最高限价必须大于0"));
        }
        if (n.Funding.IsDefaultOrEmpty)
        {
            errors.Add(new(nameof(n.Funding), "请填写资金来源"));
        }
        else if (n.Funding.Any(f => f.Amount.Yuan <= 0m || !Enum.IsDefined(f.Source)))
        {
            errors.Add(new(nameof(n.Funding), "每项资金来源的金额必须大于0"));
        }
        else if (Money.Sum(n.Funding.Select(f => f.Amount)) != n.Ceiling)
        {
            errors.Add(new(nameof(n.Funding), $"资金来源合计{Money.Sum(n.Funding.Select(f => f.Amount))}与最高限价{n.Ceiling}不一致"));
        }
        if (n.ServiceEnd <= n.ServiceStart)
        {
            errors.Add(new(nameof(n.ServiceEnd), "服务期结束日期必须晚于开始日期"));
        }
        else if (n.ServiceEnd > n.ServiceStart.AddYears(3))
        {
            // SPEC §3.7: a service term is normally ≤ 1 year, ≤ 3 years allowed.
            errors.Add(new(nameof(n.ServiceEnd), "服务期不能超过3年"));
        }
        if (string.IsNullOrWhiteSpace(n.Requirements))
        {
            errors.Add(new(nameof(n.Requirements), "请填写服务要求"));
        }
        if (n.Eligibility.MinimumCertifiedSocialWorkers < 0)
        {
            errors.Add(new("MinimumCertifiedSocialWorkers", "持证社工人数不能为负数"));
        }
        if (n.MinimumValidApplications < 1)
        {
            errors.Add(new(nameof(n.MinimumValidApplications), "最少有效申请数至少为1"));
        }
        if (n.Deadline <= n.OpensAt)
        {
            errors.Add(new(nameof(n.Deadline), "报名截止时间必须晚于开始时间"));
        }
        else if (n.Deadline <= now)
        {
            errors.Add(new(nameof(n.Deadline), "报名截止时间不能早于当前时间"));
        }
        if (string.IsNullOrWhiteSpace(n.ExpertField))
        {
            errors.Add(new(nameof(n.ExpertField), "请选择评审专家的专业领域"));
        }
        errors.AddRange(ValidateCriteria(n.Criteria));
        return errors.ToImmutable();
    }

    /// <summary>综合评分法: the notice's own criteria list (<see cref="ScoringCriteria.Validate"/>).</summary>
    public static ImmutableArray<FieldError> ValidateCriteria(ImmutableArray<ScoringCriterion> criteria) => ScoringCriteria.Validate(criteria);

    /// <summary>
    /// The deadline after a published notice is changed at <paramref name="now"/>: if fewer than three
    /// days remain, it moves so that three days remain, giving applicants time to react to the change.
    /// </summary>
    public static DateTimeOffset DeadlineAfterChange(DateTimeOffset deadline, DateTimeOffset now) =>
        deadline - now < MinimumNoticeAfterChange ? now + MinimumNoticeAfterChange : deadline;

    /// <summary>The smallest panel: 3, or 5 from a 1,000,000-yuan ceiling (87号令 Art.47).</summary>
    public static int MinimumPanelSize(Money ceiling) => ceiling >= LargePurchaseCeiling ? 5 : 3;

    public static ImmutableArray<FieldError> ValidatePanelSize(int size, Money ceiling, int poolSize)
    {
        var minimum = MinimumPanelSize(ceiling);
        if (size < minimum)
        {
            return [new("PanelSize", $"评审小组至少{minimum}人")];
        }
        if (size % 2 == 0)
        {
            return [new("PanelSize", "评审小组人数必须为单数")];
        }
        if (size > poolSize)
        {
            return [new("PanelSize", $"评审小组人数（{size}）超过该领域可抽取专家人数（{poolSize}）")];
        }
        return [];
    }

    /// <summary>Whether a tender in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(TenderStatus from, TenderStatus to) => (from, to) switch
    {
        (TenderStatus.Draft, TenderStatus.Published) => true,
        (TenderStatus.Published, TenderStatus.Closed) => true,
        (TenderStatus.Closed, TenderStatus.UnderReview) => true,
        (TenderStatus.UnderReview, TenderStatus.Publicity) => true,
        // 单一来源公示 of a failed purchase (财政部74号令 Art.38–39).
        (TenderStatus.Failed, TenderStatus.Publicity) => true,
        (TenderStatus.Publicity, TenderStatus.ReadyForContract) => true,
        (TenderStatus.Published or TenderStatus.Closed or TenderStatus.UnderReview, TenderStatus.Failed) => true,
        (TenderStatus.Draft or TenderStatus.Published or TenderStatus.Closed or TenderStatus.UnderReview, TenderStatus.Cancelled) => true,
        _ => false,
    };

    public static string Chinese(this TenderStatus s) => s switch
    {
        TenderStatus.Draft => "草稿",
        TenderStatus.Published => "报名中",
        TenderStatus.Closed => "已截止",
        TenderStatus.UnderReview => "评审中",
        TenderStatus.Publicity => "中标公示",
        TenderStatus.ReadyForContract => "待签约",
        TenderStatus.Failed => "采购失败",
        TenderStatus.Cancelled => "已取消",
        _ => s.ToString(),
    };

    public static string Chinese(this PurchaseMethod m) => m switch
    {
        PurchaseMethod.ContractOutsourcing => "合同外包",
        PurchaseMethod.ProjectEntrustment => "项目委托",
        _ => m.ToString(),
    };
}
