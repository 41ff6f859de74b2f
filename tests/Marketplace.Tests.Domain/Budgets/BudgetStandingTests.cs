using Marketplace.Budgets;
using Marketplace.Domain;

namespace Marketplace.Tests.Domain.Budgets;

public sealed class BudgetStandingTests
{
    private static readonly Money Floor = BudgetPolicy.DefaultFloor;

    [Fact]
    public void Default_floor_is_two_million_yuan()
    {
        Assert.Equal(Money.FromYuan(2_000_000.00m), BudgetPolicy.Default.Floor);
    }

    [Fact]
    public void One_fen_below_the_floor_is_flagged_with_the_shortfall()
    {
        var standing = new BudgetStanding(Money.FromYuan(1_999_999.99m), Floor, null);
        Assert.False(standing.MeetsFloor);
        Assert.True(standing.Flagged);
        Assert.Equal(Money.FromYuan(0.01m), standing.FloorShortfall);
    }

    [Fact]
    public void Exactly_the_floor_is_not_flagged()
    {
        var standing = new BudgetStanding(Money.FromYuan(2_000_000.00m), Floor, null);
        Assert.True(standing.MeetsFloor);
        Assert.False(standing.Flagged);
        Assert.Equal(Money.Zero, standing.FloorShortfall);
    }

    [Fact]
    public void Lower_than_last_year_is_flagged_even_above_the_floor()
    {
        var standing = new BudgetStanding(Money.FromYuan(2_300_000m), Floor, Money.FromYuan(2_400_000m));
        Assert.True(standing.MeetsFloor);
        Assert.False(standing.MeetsGrowth);
        Assert.True(standing.Flagged);
        Assert.Equal(Money.FromYuan(100_000m), standing.GrowthShortfall);
    }

    [Fact]
    public void Equal_to_last_year_meets_growth_and_no_last_year_cannot_fail_it()
    {
        Assert.True(new BudgetStanding(Money.FromYuan(2_400_000m), Floor, Money.FromYuan(2_400_000m)).MeetsGrowth);
        Assert.True(new BudgetStanding(Money.FromYuan(2_400_000m), Floor, null).MeetsGrowth);
    }

    [Fact]
    public void District_floor_replaces_the_default()
    {
        var higher = Money.FromYuan(3_000_000m);
        Assert.False(new BudgetStanding(Money.FromYuan(2_500_000m), higher, null).MeetsFloor);
        Assert.Equal(Money.FromYuan(500_000m), new BudgetStanding(Money.FromYuan(2_500_000m), higher, null).FloorShortfall);
    }
}
