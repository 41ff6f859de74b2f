using Marketplace.Grid;

namespace Marketplace.Tests.Domain.Grid;

public sealed class MatterFiguresTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static Matter Closed(int hoursLate, Satisfaction? rating = null) => new()
    {
        Id = Guid.NewGuid(), Status = MatterStatus.Closed, Due = new MatterDue(T, T.AddDays(3)),
        ClosedAt = T.AddDays(3).AddHours(hoursLate), Rating = rating,
    };

    [Fact]
    public void On_time_rate_counts_closed_matters_and_very_satisfied_rate_counts_ratings()
    {
        Matter[] matters =
        [
            Closed(-1, Satisfaction.VerySatisfied), Closed(-5, Satisfaction.VerySatisfied), Closed(0, Satisfaction.Satisfied),
            Closed(2, Satisfaction.Dissatisfied), Closed(-2), Closed(-3, Satisfaction.VerySatisfied),
            new() { Id = Guid.NewGuid(), Status = MatterStatus.Assigned, OverdueStages = [MatterNames.SolveStage] },
        ];
        var f = MatterFigures.Of(matters);
        // By hand: 7 matters, 6 closed, 5 of them on time (one 2 hours late) → 83.33%; 5 ratings, 3 非常满意 → 60.00%.
        Assert.Equal((7, 6, 5, 1, 5, 3), (f.Matters, f.Closed, f.ClosedOnTime, f.Overdue, f.Ratings, f.VerySatisfied));
        Assert.Equal((83.33m, 60.00m), (f.OnTimeRate!.Value, f.VerySatisfiedRate!.Value));
        Assert.Equal(new[] { 3, 1, 0, 1 }, f.RatingCounts.ToArray());
        Assert.Equal("83.33%", MatterFigures.Percent(f.OnTimeRate));
        Assert.Equal(f, MatterFigures.Sum([MatterFigures.Of(matters[..3]), MatterFigures.Of(matters[3..])]) with { RatingCounts = f.RatingCounts });
        Assert.Equal("—", MatterFigures.Percent(MatterFigures.Of([]).OnTimeRate));
    }
}
