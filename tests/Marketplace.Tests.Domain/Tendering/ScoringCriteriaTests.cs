using System.Collections.Immutable;
using Marketplace.Tendering;

namespace Marketplace.Tests.Domain.Tendering;

/// <summary>A notice's own 评分标准: names, weights, what earns the points, and the 10–30 price weight for services.</summary>
public sealed class ScoringCriteriaTests
{
    private static ImmutableArray<ScoringCriterion> Five(decimal price = 20m) => ScoringCriteria.Build(
    [
        (null, "服务方案", 30m, "方案完整、针对高龄独居老人需求的得25–30分"),
        (null, "项目团队", 20m, "持证社工每名2分，最高20分"),
        (null, "同类项目经验", 15m, null),
        (null, "风险防控", 10m, "  "),
        (null, "社区资源整合", 100m - 75m - price, null),
    ], price, "最低有效报价为评标基准价");

    [Fact]
    public void Five_own_criteria_with_a_price_weight_of_twenty_are_valid_and_keep_their_order_and_descriptions()
    {
        var list = Five();

        Assert.Empty(ScoringCriteria.Validate(list));
        Assert.Equal(["服务方案", "项目团队", "同类项目经验", "风险防控", "社区资源整合", "价格"], list.Select(c => c.Name));
        Assert.Equal(["c1", "c2", "c3", "c4", "c5", "price"], list.Select(c => c.Code));
        Assert.Equal("持证社工每名2分，最高20分", list[1].Description);
        Assert.Null(list[3].Description); // blank is none
        Assert.Equal(20m, list.Price()!.Weight);
        Assert.Equal(5, list.NonPrice().Count());
    }

    [Fact]
    public void A_renamed_row_keeps_its_code_and_a_new_row_takes_the_first_free_one()
    {
        var list = ScoringCriteria.Build([("plan", "服务方案与实施计划", 50m, null), (null, "团队", 20m, null), ("c1", "经验", 10m, null)], 20m);

        Assert.Equal(["plan", "c2", "c1", "price"], list.Select(c => c.Code));
    }

    [Fact]
    public void Weights_not_summing_to_one_hundred_are_refused_for_the_whole_list()
    {
        var list = ScoringCriteria.Build([("a", "服务方案", 40m, null), ("b", "服务团队", 20m, null)], 30m);

        var error = Assert.Single(ScoringCriteria.Validate(list));
        Assert.Equal(("Criteria", "各评分因素分值合计必须为100分，现为90分"), (error.Field, error.Message));
    }

    [Theory]
    [InlineData(9.99)]
    [InlineData(35)]
    public void A_price_weight_outside_ten_to_thirty_is_refused_beside_the_price_weight(double weight)
    {
        var price = (decimal)weight;
        var list = ScoringCriteria.Build([("a", "服务方案", 100m - price, null)], price);

        var error = Assert.Single(ScoringCriteria.Validate(list));
        Assert.Equal("PriceWeight", error.Field);
        Assert.StartsWith($"价格分权重应在10至30分之间，现为{price:0.##}分", error.Message, StringComparison.Ordinal);
        Assert.Contains("财库〔2014〕214号", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    public void The_bounds_ten_and_thirty_are_allowed(int price) =>
        Assert.Empty(ScoringCriteria.Validate(ScoringCriteria.Build([("a", "服务方案", 100m - price, null)], price)));

    [Fact]
    public void Only_a_price_criterion_is_refused_for_want_of_a_non_price_one()
    {
        ImmutableArray<ScoringCriterion> list = [new("price", "价格", 100m, true)];

        Assert.Contains(ScoringCriteria.Validate(list), e => e is { Field: "Criteria", Message: "至少设置一项非价格评分因素（如服务方案）" });
    }

    [Fact]
    public void An_empty_name_and_a_repeated_name_are_refused_beside_their_rows()
    {
        var list = ScoringCriteria.Build([("a", "服务方案", 30m, null), ("b", " ", 20m, null), ("c", "服务方案 ", 20m, null)], 30m);

        var errors = ScoringCriteria.Validate(list);
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, e => e is { Field: "Criteria[1].Name", Message: "请填写评分因素名称" });
        Assert.Contains(errors, e => e is { Field: "Criteria[2].Name", Message: "评分因素名称“服务方案”重复，每项名称须不同" });
    }

    [Fact]
    public void A_row_named_like_the_price_criterion_is_a_repeat()
    {
        var list = ScoringCriteria.Build([("a", "价格", 70m, null)], 30m);

        Assert.Contains(ScoringCriteria.Validate(list), e => e.Field == "Criteria[0].Name" && e.Message.Contains("重复", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10.005)]
    public void A_row_weight_that_is_not_positive_or_has_three_decimals_is_refused_beside_it(double weight)
    {
        var w = (decimal)weight;
        var list = ScoringCriteria.Build([("a", "服务方案", 70m - w, null), ("b", "服务团队", w, null)], 30m);

        Assert.Contains(ScoringCriteria.Validate(list), e => e is { Field: "Criteria[1].Weight", Message: "分值必须大于0，最多两位小数" });
    }

    [Fact]
    public void A_description_over_five_hundred_characters_is_refused_beside_it()
    {
        var list = ScoringCriteria.Build([("a", "服务方案", 70m, new string('分', 501))], 30m);

        Assert.Contains(ScoringCriteria.Validate(list), e => e is { Field: "Criteria[0].Description", Message: "评分说明不能超过500个字" });
    }

    [Fact]
    public void The_four_fixed_criteria_of_older_notices_are_still_a_valid_list() =>
        Assert.Empty(ScoringCriteria.Validate(StandardCriteria.With(40m, 20m, 10m, 30m)));
}
