using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Web.Infrastructure.Pages;

namespace Marketplace.Tests.Integration.Pages;

/// <summary>What the one form parser refuses, and the Chinese message it leaves beside the field.</summary>
public sealed class FormParseTests
{
    [Theory]
    [InlineData("1,234.5", 1234.50)]
    [InlineData(" 300000 ", 300000)]
    public void Money_takes_what_MoneyFormat_takes(string text, decimal yuan)
    {
        var errors = new List<FieldError>();
        Assert.Equal(Money.FromYuan(yuan), FormParse.Money(text, "Price", errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("两百万")]
    [InlineData("12.345")]
    [InlineData("")]
    public void Money_refuses_with_MoneyFormat_s_message_and_the_label(string text)
    {
        var errors = new List<FieldError>();
        Assert.Null(FormParse.Money(text, "Price", errors, "报价："));
        MoneyFormat.TryParse(text, out _, out var expected);
        Assert.Equal([new FieldError("Price", "报价：" + expected)], errors);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026/10/01")]
    [InlineData("明天")]
    [InlineData(null)]
    public void Date_refuses_anything_but_a_real_yyyy_MM_dd_day(string? text)
    {
        var errors = new List<FieldError>();
        Assert.Null(FormParse.Date(text, "TermEnd", errors, "请填写服务期限截止日期（年-月-日）"));
        Assert.Equal([new FieldError("TermEnd", "请填写服务期限截止日期（年-月-日）")], errors);
    }

    [Fact]
    public void Date_reads_the_day_a_date_input_posts()
    {
        var errors = new List<FieldError>();
        Assert.Equal(new DateOnly(2026, 10, 1), FormParse.Date(" 2026-10-01 ", "Day.Date", errors, "x"));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData("1,000")]
    [InlineData("３")]
    [InlineData("10001")]
    [InlineData("2.5")]
    public void Count_refuses_signs_grouping_fullwidth_fractions_and_more_than_the_limit(string text)
    {
        var errors = new List<FieldError>();
        Assert.Null(FormParse.Count(text, "SocialWorkers", errors, "请输入持证社工人数（整数）", max: 10_000));
        Assert.Equal([new FieldError("SocialWorkers", "请输入持证社工人数（整数）")], errors);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("99")]
    [InlineData("Fiscal,WelfareLottery")]
    [InlineData("Nothing")]
    [InlineData("")]
    public void Choice_refuses_numbers_combinations_and_unknown_names(string text)
    {
        var errors = new List<FieldError>();
        Assert.Null(FormParse.Choice<FundingSource>(text, "Source", errors, "请选择资金来源"));
        Assert.Equal([new FieldError("Source", "请选择资金来源")], errors);
    }

    [Fact]
    public void Choice_takes_a_member_s_name()
    {
        var errors = new List<FieldError>();
        Assert.Equal(FundingSource.WelfareLottery, FormParse.Choice<FundingSource>("WelfareLottery", "Source", errors, "请选择资金来源"));
        Assert.Empty(errors);
    }
}
