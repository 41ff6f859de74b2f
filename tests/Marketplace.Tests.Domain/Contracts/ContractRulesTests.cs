using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;

namespace Marketplace.Tests.Domain.Contracts;

public sealed class ContractRulesTests
{
    private static Money Yuan(decimal y) => Money.FromYuan(y);

    [Fact]
    public void Default_schedule_splits_exactly_fifty_thirty_twenty()
    {
        SourceAmount[] split = [new(FundingSource.Fiscal, Yuan(180_000m)), new(FundingSource.StreetNgoFund, Yuan(80_000m))];
        var t = PaymentSchedule.Amounts(Yuan(260_000m), PaymentSchedule.Default, split);
        Assert.Equal([130_000m, 78_000m, 52_000m], t.Select(x => x.Amount.Yuan));
        Assert.Equal([90_000m, 40_000m], t[0].Split.Select(s => s.Amount.Yuan));
        // every funding source's column sums to its share of the contract
        Assert.Equal(180_000m, t.Sum(x => x.Split[0].Amount.Yuan));
        Assert.Equal(80_000m, t.Sum(x => x.Split[1].Amount.Yuan));
    }

    [Fact]
    public void Last_tranche_takes_the_rounding_remainder_to_the_fen()
    {
        // 100,000.01 × 33.33% = 33,330.0033… → 33,330.00 (四舍五入), twice; the last takes the remaining 33,340.01
        var t = PaymentSchedule.Amounts(Yuan(100_000.01m),
            [new(TrancheGate.Signing, 33.33m), new(TrancheGate.MidTerm, 33.33m), new(TrancheGate.Final, 33.34m)],
            [new(FundingSource.Fiscal, Yuan(100_000.01m))]);
        Assert.Equal([33_330.00m, 33_330.00m, 33_340.01m], t.Select(x => x.Amount.Yuan));
        Assert.Equal(100_000.01m, t.Sum(x => x.Amount.Yuan));
        var thirds = PaymentSchedule.Allocate(Yuan(100m), [1m, 1m, 1m]);
        Assert.Equal([33.33m, 33.33m, 33.34m], thirds.Select(x => x.Yuan));
    }

    [Fact]
    public void Shares_not_summing_to_100_or_above_100_are_refused_in_chinese()
    {
        Assert.Equal("各付款节点比例之和应为100%，现为 90%",
            PaymentSchedule.Validate([new(TrancheGate.Signing, 50m), new(TrancheGate.MidTerm, 40m)]).Single().Message);
        Assert.Equal("第1个付款节点的比例应大于0%且不超过100%，现为 120%",
            PaymentSchedule.Validate([new(TrancheGate.Signing, 120m), new(TrancheGate.Final, -20m)])[0].Message);
        Assert.Empty(PaymentSchedule.Validate(PaymentSchedule.Default));
        Assert.Equal("各付款节点金额之和 ¥99.00 不等于合同金额 ¥100.00",
            PaymentSchedule.ValidateAmounts(Yuan(100m), [Yuan(50m), Yuan(49m)]).Single().Message);
    }

    [Fact]
    public void Term_of_one_year_is_free_three_years_needs_a_reason_four_years_is_refused()
    {
        var start = new DateOnly(2026, 4, 1);
        Assert.Empty(ContractTerm.Validate(start, new DateOnly(2027, 3, 31), null));
        Assert.Equal("LongTermReason", ContractTerm.Validate(start, new DateOnly(2027, 4, 1), null).Single().Field);
        Assert.Empty(ContractTerm.Validate(start, new DateOnly(2029, 3, 31), "社区矫正服务需要连续三年的个案跟踪"));
        Assert.Equal("服务期限不能超过3年", ContractTerm.Validate(start, new DateOnly(2030, 3, 31), "社区矫正服务需要连续四年的个案跟踪").Single().Message);
        Assert.Equal(new DateOnly(2026, 9, 30), ContractTerm.MidPoint(start, new DateOnly(2027, 3, 31)));
    }

    [Fact]
    public void Completion_counts_each_unit_up_to_its_contracted_quantity_by_value()
    {
        ServiceUnit[] units = [new("case", "个案", Yuan(300m), 100), new("event", "200人以上活动", Yuan(4_000m), 10)];
        // 80 cases (24,000 of 30,000) and 12 activities (capped at 10: 40,000 of 40,000) → 64,000 / 70,000 = 91.428…%
        var percent = ServiceCompletion.Percent(units, new Dictionary<string, int> { ["case"] = 80, ["event"] = 12 });
        Assert.Equal(91.43m, percent);
        Assert.Equal(27.43m, EvaluationScoring.CompletionPoints(30m, percent!.Value));
        Assert.Null(ServiceCompletion.Percent([], new Dictionary<string, int>()));
    }

    [Theory]
    [InlineData("90", EvaluationGrade.Excellent)]
    [InlineData("89.99", EvaluationGrade.Good)]
    [InlineData("80", EvaluationGrade.Good)]
    [InlineData("79.99", EvaluationGrade.Pass)]
    [InlineData("60", EvaluationGrade.Pass)]
    [InlineData("59.99", EvaluationGrade.Fail)]
    public void Grade_boundaries(string total, EvaluationGrade grade) =>
        Assert.Equal(grade, EvaluationScoring.Grade(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Total_is_the_weighted_sum_of_sources_to_two_decimals()
    {
        var scores = new Dictionary<EvaluationSource, decimal>
        {
            [EvaluationSource.Self] = 95m, [EvaluationSource.Peer] = 88.5m, [EvaluationSource.Public] = 81.37m, [EvaluationSource.ThirdParty] = 76.25m,
        };
        // 9.5 + 8.85 + 24.411 + 38.125 = 80.886 → 80.89 良好
        var total = EvaluationScoring.Total(EvaluationScoring.Default, scores);
        Assert.Equal(80.89m, total);
        Assert.Equal(EvaluationGrade.Good, EvaluationScoring.Grade(total));
        Assert.Empty(EvaluationScoring.ValidateSheets(EvaluationScoring.Default));
    }

    [Fact]
    public void A_score_above_an_indicators_weight_is_refused()
    {
        var sheet = EvaluationScoring.Default.Single(s => s.Source == EvaluationSource.ThirdParty);
        var scores = new Dictionary<string, decimal> { ["completion"] = 31m, ["quality"] = 25m, ["satisfaction"] = 18.555m, ["finance"] = 9m, ["archives"] = 8m };
        var errors = EvaluationScoring.ValidateScores(sheet, scores);
        Assert.Equal(["“服务完成度”的得分应在0至30分之间", "“满意度”的得分最多两位小数"], errors.Select(e => e.Message));
        var bad = EvaluationScoring.Default.SetItem(3, sheet with { Weight = 60m });
        Assert.Equal("各评估主体权重之和应为100，现为 110", EvaluationScoring.ValidateSheets(bad).Single().Message);
    }

    [Fact]
    public void Stars_are_the_rounded_mean_of_the_last_three_final_grades()
    {
        Assert.Null(StarRating.Stars([]));
        Assert.Equal(4, StarRating.Stars([EvaluationGrade.Excellent, EvaluationGrade.Good, EvaluationGrade.Pass])); // (5+4+3)/3
        Assert.Equal(5, StarRating.Stars([EvaluationGrade.Excellent, EvaluationGrade.Excellent, EvaluationGrade.Good])); // 4.67
        Assert.Equal(2, StarRating.Stars([EvaluationGrade.Fail, EvaluationGrade.Pass])); // (1+3)/2 = 2
        // only the last three count: the early 不合格 is forgotten
        Assert.Equal(5, StarRating.Stars([EvaluationGrade.Fail, EvaluationGrade.Excellent, EvaluationGrade.Excellent, EvaluationGrade.Excellent]));
    }

    [Fact]
    public void Priority_goes_to_an_organization_whose_latest_final_grade_is_excellent()
    {
        Assert.False(StarRating.Priority([]));
        Assert.True(StarRating.Priority([EvaluationGrade.Pass, EvaluationGrade.Excellent]));
        Assert.False(StarRating.Priority([EvaluationGrade.Excellent, EvaluationGrade.Good])); // the latest counts
        Assert.Equal("★★★★☆", StarRating.Text(4));
    }

    [Theory]
    [InlineData("1000000", "壹佰万元整")]
    [InlineData("3205.60", "叁仟贰佰零伍元陆角")]
    [InlineData("260000", "贰拾陆万元整")]
    [InlineData("100000.01", "壹拾万元零壹分")]
    [InlineData("10010", "壹万零壹拾元整")]
    [InlineData("1001000", "壹佰万壹仟元整")]
    [InlineData("100000000", "壹亿元整")]
    [InlineData("105000", "壹拾万伍仟元整")]
    [InlineData("0.5", "伍角")]
    [InlineData("0", "零元整")]
    [InlineData("123456789.12", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分")]
    public void Amount_in_chinese_capitals(string amount, string words) =>
        Assert.Equal(words, MoneyInWords.Capitals(Money.FromYuan(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))));
}
