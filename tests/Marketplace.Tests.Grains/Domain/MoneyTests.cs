using Marketplace.Domain;

namespace Marketplace.Tests.Grains.Domain;

public sealed class MoneyTests
{
    private static Money Y(decimal yuan) => Money.FromYuan(yuan);

    [Fact]
    public void Addition_and_subtraction_are_exact_to_the_fen()
    {
        // 0.1 + 0.2 is the classic binary floating-point trap; decimal yuan must give exactly 0.30.
        Assert.Equal(Y(0.30m), Y(0.10m) + Y(0.20m));
        Assert.Equal(Y(1_999_999.99m), Y(2_000_000m) - Y(0.01m));
        Assert.Equal(Y(-0.01m), Y(1m) - Y(1.01m));
        Assert.Equal(Y(5m), -Y(-5m));
    }

    [Fact]
    public void Sum_of_many_fen_is_exact()
    {
        var total = Money.Sum(Enumerable.Repeat(Y(0.01m), 200));
        Assert.Equal(Y(2.00m), total);
        Assert.Equal(Money.Zero, Money.Sum([]));
    }

    [Fact]
    public void Comparisons_follow_the_amount()
    {
        Assert.True(Y(1_999_999.99m) < Y(2_000_000m));
        Assert.True(Y(2_000_000m) >= Y(2_000_000.00m));
        Assert.Equal(Y(2m), Y(2.00m));
        Assert.Equal(Y(2m).GetHashCode(), Y(2.00m).GetHashCode());
        Assert.Equal(-1, Y(1m).CompareTo(Y(1.01m)));
    }

    [Fact]
    public void Constructing_with_more_than_two_decimals_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Y(1.005m));
        Assert.Throws<ArgumentException>(() => Y(0.001m));
    }

    [Theory]
    [InlineData("0.005", "0.01")]    // half a fen goes up (四舍五入), not to the even 0.00
    [InlineData("0.015", "0.02")]
    [InlineData("0.025", "0.03")]    // banker's rounding would give 0.02 here
    [InlineData("2.675", "2.68")]
    [InlineData("0.0049", "0.00")]
    [InlineData("-0.005", "-0.01")]  // away from zero on the negative side too
    [InlineData("-2.675", "-2.68")]
    public void Round_is_half_away_from_zero(string input, string expected)
    {
        var value = decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Money.Round(value).Yuan);
    }

    [Fact]
    public void Percent_rounds_a_tranche_to_the_fen()
    {
        // 30% of 333,333.35 = 100,000.005 → 100,000.01 (四舍五入)
        Assert.Equal(Y(100_000.01m), Y(333_333.35m).Percent(30m));
        Assert.Equal(Y(1_000_000m), Y(2_000_000m).Percent(50m));
    }

    [Fact]
    public void Fen_round_trips_through_the_database_representation()
    {
        Assert.Equal(199_999_999L, Y(1_999_999.99m).Fen);
        Assert.Equal(Y(1_999_999.99m), Money.FromFen(199_999_999L));
        Assert.Equal(-150L, Y(-1.50m).Fen);
        Assert.Equal(100_000_000_000_000L, Y(Money.MaxAmount).Fen);
    }

    [Fact]
    public void Survives_the_json_of_stored_grain_state()
    {
        var options = Marketplace.Web.Infrastructure.GrainStorage.EfGrainStorage.Json;
        var json = System.Text.Json.JsonSerializer.Serialize(new[] { Y(1_999_999.99m), Y(-0.01m), Money.Zero }, options);
        Assert.Equal([Y(1_999_999.99m), Y(-0.01m), Money.Zero], System.Text.Json.JsonSerializer.Deserialize<Money[]>(json, options)!);
        Assert.DoesNotContain("Fen", json, StringComparison.Ordinal);
        // Documents written before the derived properties were left out still read correctly.
        var old = System.Text.Json.JsonSerializer.Deserialize<Money>("{\"Yuan\":2000000.00,\"Fen\":200000000,\"IsNegative\":false,\"IsZero\":false}", options);
        Assert.Equal(Y(2_000_000m), old);
    }

    [Fact]
    public void Formats_as_yuan_with_thousands_separators()
    {
        Assert.Equal("¥2,000,000.00", MoneyFormat.Yuan(Y(2_000_000m)));
        Assert.Equal("¥2,000,000.00", Y(2_000_000m).ToString());
        Assert.Equal("¥0.05", MoneyFormat.Yuan(Y(0.05m)));
        Assert.Equal("-¥1.50", MoneyFormat.Yuan(Y(-1.5m)));
        Assert.Equal("1,999,999.99", MoneyFormat.Plain(Y(1_999_999.99m)));
        Assert.Equal("2000000.00", MoneyFormat.Number(Y(2_000_000m)));
        Assert.Equal("0.50", MoneyFormat.Number(Y(0.5m)));
    }

    [Fact]
    public void Formats_as_wan_yuan()
    {
        Assert.Equal("200.00万元", MoneyFormat.Wan(Y(2_000_000m)));
        Assert.Equal("185.00万元", MoneyFormat.Wan(Y(1_850_000m)));
        // 1,999,999.99 is 199.9999999万: shown rounded, so the flag (not this text) tells it is below the floor.
        Assert.Equal("200.00万元", MoneyFormat.Wan(Y(1_999_999.99m)));
        Assert.Equal("0.01万元", MoneyFormat.Wan(Y(50m)));
    }

    [Theory]
    [InlineData("2000000", "2000000.00")]
    [InlineData(" 2,000,000.00 ", "2000000.00")]
    [InlineData("¥1,850,000", "1850000.00")]
    [InlineData("￥12.5元", "12.50")]
    [InlineData("0.01", "0.01")]
    [InlineData("1000000000000", "1000000000000.00")]
    public void Parses_what_people_type(string input, string expected)
    {
        Assert.True(MoneyFormat.TryParse(input, out var money, out var error), error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), money.Yuan);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData("", "请输入金额")]
    [InlineData("   ", "请输入金额")]
    [InlineData(null, "请输入金额")]
    [InlineData("-1", "金额不能为负数")]
    [InlineData("abc", "金额格式不正确")]
    [InlineData("1e309", "金额格式不正确")]
    [InlineData("1e6", "金额格式不正确")]
    [InlineData("NaN", "金额格式不正确")]
    [InlineData("12.345", "两位小数")]
    [InlineData("1000000000000.01", "超出允许范围")]
    [InlineData("99999999999999999999", "超出允许范围")]
    public void Refuses_bad_input_with_a_chinese_message(string? input, string expectedFragment)
    {
        Assert.False(MoneyFormat.TryParse(input, out var money, out var error));
        Assert.Contains(expectedFragment, error, StringComparison.Ordinal);
        Assert.Equal(Money.Zero, money);
    }
}
