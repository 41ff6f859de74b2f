using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tendering;

namespace Marketplace.Tests.Domain.Rounds;

public sealed class RoundRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public static RoundSettings Street() => new("2026年“双百助力、大爱公益”公益创投", "百个公益项目助力街道服务",
        RoundSettings.DefaultCategories, Money.FromYuan(180_000m), FundingSource.WelfareLottery, Money.FromYuan(50_000m),
        RoundSettings.DefaultMinScore, RoundSettings.DefaultPerOrganizationLimit, T0, T0.AddDays(20), RoundSettings.DefaultCriteria,
        null, 0m, "elderly", [], 2026);

    private static RoundProposal Proposal(decimal request = 30_000m, int beneficiaries = 120, params decimal[] lines) => new(
        "银龄互助", "为老服务", Money.FromYuan(request),
        [.. (lines.Length == 0 ? [20_000m, 10_000m] : lines).Select((a, i) => new BudgetLine("活动费", $"项目{i + 1}", Money.FromYuan(a)))],
        "辖区独居老人", beneficiaries, "走访 400 人次", "社工 3 名", 2, Money.Zero, 7);

    private static string[] Fields(ImmutableArray<FieldError> errors) => [.. errors.Select(e => e.Field)];

    [Fact]
    public void The_default_criteria_weigh_100_and_a_street_round_validates()
    {
        Assert.Equal(100m, RoundSettings.DefaultCriteria.Sum(c => c.Weight));
        Assert.Empty(RoundRules.ValidateSettings(Street(), organizerStreetId: 7));
    }

    [Fact]
    public void A_pool_smaller_than_the_cap_is_refused_beside_the_pool()
    {
        var errors = RoundRules.ValidateSettings(Street() with { Pool = Money.FromYuan(40_000m) }, 7);

        Assert.Equal(["Pool"], Fields(errors));
        Assert.Contains("不能小于单个项目资助上限", errors[0].Message);
    }

    [Fact]
    public void No_categories_and_weights_not_summing_to_100_are_refused()
    {
        var criteria = RoundSettings.DefaultCriteria.SetItem(0, RoundSettings.DefaultCriteria[0] with { Weight = 10m });

        var errors = RoundRules.ValidateSettings(Street() with { Categories = [], Criteria = criteria }, 7);

        Assert.Equal(["Categories", "Criteria"], Fields(errors));
        Assert.Contains("现为95分", errors[1].Message);
    }

    [Fact]
    public void A_price_criterion_is_refused()
    {
        Assert.Equal(["Criteria"], Fields(RoundRules.ValidateCriteria([new("price", "价格", 100m, true)])));
    }

    [Fact]
    public void A_district_rounds_shares_sum_to_the_pool()
    {
        var round = Street() with { Shares = [new(1, Money.FromYuan(100_000m)), new(2, Money.FromYuan(70_000m))] };

        var errors = RoundRules.ValidateSettings(round, organizerStreetId: null);

        Assert.Equal(["Shares"], Fields(errors));
        Assert.Empty(RoundRules.ValidateSettings(round with { Pool = Money.FromYuan(170_000m) }, null));
    }

    [Fact]
    public void A_proposal_within_the_cap_summing_to_its_request_is_valid()
    {
        Assert.Empty(RoundRules.ValidateProposal(Street(), Proposal(), 1));
    }

    [Fact]
    public void A_request_over_the_cap_is_refused_beside_the_request()
    {
        var errors = RoundRules.ValidateProposal(Street(), Proposal(60_000m, 120, 30_000m, 30_000m), 0);

        Assert.Equal(["Request"], Fields(errors));
        Assert.Contains("超过单个项目上限 ¥50,000.00", errors[0].Message);
    }

    [Fact]
    public void Budget_lines_not_summing_to_the_request_are_refused()
    {
        var errors = RoundRules.ValidateProposal(Street(), Proposal(30_000m, 120, 20_000m, 9_999.99m), 0);

        Assert.Equal(["BudgetLines"], Fields(errors));
        Assert.Contains("¥29,999.99", errors[0].Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Zero_or_negative_beneficiaries_are_refused(int beneficiaries)
    {
        Assert.Equal(["Beneficiaries"], Fields(RoundRules.ValidateProposal(Street(), Proposal(beneficiaries: beneficiaries), 0)));
    }

    [Fact]
    public void More_projects_than_the_per_organization_limit_is_refused()
    {
        var errors = RoundRules.ValidateProposal(Street(), Proposal(), otherProjectsOfOrganization: 2);

        Assert.Equal([""], Fields(errors));
        Assert.Contains("最多申报2个项目", errors[0].Message);
    }

    [Fact]
    public void Matching_funds_below_the_rounds_share_are_refused()
    {
        var errors = RoundRules.ValidateProposal(Street() with { MatchingPercent = 20m }, Proposal(), 0);

        Assert.Equal(["MatchingFunds"], Fields(errors));
        Assert.Contains("¥6,000.00", errors[0].Message);
    }

    [Fact]
    public void The_panel_total_is_the_sum_of_the_rounded_criterion_means()
    {
        ImmutableArray<ScoringCriterion> criteria = [new("a", "项目设计", 50m, false), new("b", "社会效益", 50m, false)];
        var sheets = new[]
        {
            new Dictionary<string, CriterionScore> { ["a"] = new(40m, null), ["b"] = new(33.33m, null) },
            new Dictionary<string, CriterionScore> { ["a"] = new(41m, null), ["b"] = new(33.34m, null) },
            new Dictionary<string, CriterionScore> { ["a"] = new(41m, null), ["b"] = new(33.34m, null) },
        };

        var (means, total) = RoundScoring.PanelTotal(criteria, sheets);

        Assert.Equal(40.67m, means["a"]);
        Assert.Equal(33.34m, means["b"]);
        Assert.Equal(74.01m, total);
    }
}
