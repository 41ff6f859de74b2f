using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Rounds;

namespace Marketplace.Tests.Domain.Rounds;

public sealed class RoundSelectionTests
{
    private const long Street = 7;
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly ImmutableDictionary<Guid, AmountAdjustment> NoAdjustments = ImmutableDictionary<Guid, AmountAdjustment>.Empty;
    private static readonly HashSet<Guid> NoneWithdrawn = [];

    private static Guid P(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    // Pool ¥180,000, cap ¥50,000: eight proposals (panel total, request), submitted in this order.
    private static readonly SelectionCandidate[] Eight =
    [
        new(P(1), 80.00m, Money.FromYuan(48_000m), Street, T0.AddMinutes(1)),
        new(P(2), 92.50m, Money.FromYuan(50_000m), Street, T0.AddMinutes(2)),
        new(P(3), 59.99m, Money.FromYuan(3_000m), Street, T0.AddMinutes(3)),
        new(P(4), 85.25m, Money.FromYuan(30_000m), Street, T0.AddMinutes(4)),
        new(P(5), 76.00m, Money.FromYuan(20_000m), Street, T0.AddMinutes(5)),
        new(P(6), 88.00m, Money.FromYuan(45_000m), Street, T0.AddMinutes(6)),
        new(P(7), 70.00m, Money.FromYuan(5_000m), Street, T0.AddMinutes(7)),
        new(P(8), 55.00m, Money.FromYuan(10_000m), Street, T0.AddMinutes(8)),
    ];

    private static readonly Dictionary<long, Money> Pool = new() { [Street] = Money.FromYuan(180_000m) };

    [Fact]
    public void Eight_proposals_fund_in_rank_order_while_the_pool_lasts()
    {
        var r = RoundSelection.Select(Eight, Pool, 60m, NoAdjustments, NoneWithdrawn);

        Assert.Equal([P(2), P(6), P(4), P(1), P(5), P(7), P(3), P(8)], r.Lines.Select(l => l.ApplicationId));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], r.Lines.Select(l => l.Rank));
        var funded = r.Lines.Where(l => l.Status == SelectionStatus.Funded).ToDictionary(l => l.ApplicationId, l => l.Amount!.Value);
        Assert.Equal(new Dictionary<Guid, Money>
        {
            [P(2)] = Money.FromYuan(50_000m), [P(6)] = Money.FromYuan(45_000m),
            [P(4)] = Money.FromYuan(30_000m), [P(1)] = Money.FromYuan(48_000m),
        }, funded);
        Assert.Equal(Money.FromYuan(173_000m), r.Funded);
        Assert.Equal(Money.FromYuan(7_000m), r.Leftover);
        // 20,000 does not fit the 7,000 left; strict rank order: the 5,000 project below it is not funded either.
        Assert.Equal(SelectionStatus.PoolExhausted, r.Lines.Single(l => l.ApplicationId == P(5)).Status);
        Assert.Equal(SelectionStatus.PoolExhausted, r.Lines.Single(l => l.ApplicationId == P(7)).Status);
        Assert.Equal(SelectionStatus.BelowMinimum, r.Lines.Single(l => l.ApplicationId == P(3)).Status);
        Assert.Equal(SelectionStatus.BelowMinimum, r.Lines.Single(l => l.ApplicationId == P(8)).Status);
    }

    [Fact]
    public void A_proposal_scoring_59_99_is_not_funded_even_with_pool_left()
    {
        var r = RoundSelection.Select([Eight[2]], Pool, 60m, NoAdjustments, NoneWithdrawn);

        var line = Assert.Single(r.Lines);
        Assert.Equal(SelectionStatus.BelowMinimum, line.Status);
        Assert.Null(line.Amount);
        Assert.Equal(Money.FromYuan(180_000m), r.Leftover);
    }

    [Fact]
    public void An_adjusted_amount_funds_the_project_that_did_not_fit()
    {
        var adjusted = NoAdjustments.Add(P(5), new AmountAdjustment(Money.FromYuan(7_000m), "资金池余额不足，按余额资助", AdjustmentResponse.Accepted));

        var r = RoundSelection.Select(Eight, Pool, 60m, adjusted, NoneWithdrawn);

        var line = r.Lines.Single(l => l.ApplicationId == P(5));
        Assert.Equal(SelectionStatus.Funded, line.Status);
        Assert.Equal(Money.FromYuan(7_000m), line.Amount);
        Assert.Equal(Money.Zero, r.Leftover);
        Assert.Equal(SelectionStatus.PoolExhausted, r.Lines.Single(l => l.ApplicationId == P(7)).Status);
    }

    [Fact]
    public void A_declined_adjustment_moves_the_pool_on_to_the_next_project()
    {
        var declined = NoAdjustments.Add(P(5), new AmountAdjustment(Money.FromYuan(7_000m), "资金池余额不足，按余额资助", AdjustmentResponse.Declined));

        var r = RoundSelection.Select(Eight, Pool, 60m, declined, NoneWithdrawn);

        Assert.Equal(SelectionStatus.Declined, r.Lines.Single(l => l.ApplicationId == P(5)).Status);
        var next = r.Lines.Single(l => l.ApplicationId == P(7));
        Assert.Equal(SelectionStatus.Funded, next.Status);
        Assert.Equal(Money.FromYuan(5_000m), next.Amount);
        Assert.Equal(Money.FromYuan(178_000m), r.Funded);
        Assert.Equal(Money.FromYuan(2_000m), r.Leftover);
    }

    [Fact]
    public void An_upheld_objection_withdraws_the_project_and_the_next_moves_up()
    {
        var r = RoundSelection.Select(Eight, Pool, 60m, NoAdjustments, new HashSet<Guid> { P(4) });

        Assert.Equal(SelectionStatus.Withdrawn, r.Lines.Single(l => l.ApplicationId == P(4)).Status);
        Assert.Equal(Money.FromYuan(20_000m), r.Lines.Single(l => l.ApplicationId == P(5)).Amount);
        Assert.Equal(Money.FromYuan(5_000m), r.Lines.Single(l => l.ApplicationId == P(7)).Amount);
        Assert.Equal(Money.FromYuan(12_000m), r.Leftover);
    }

    [Fact]
    public void Ties_rank_the_earlier_submission_first()
    {
        SelectionCandidate[] tied = [new(P(1), 80m, Money.FromYuan(10m), Street, T0.AddMinutes(5)), new(P(2), 80m, Money.FromYuan(10m), Street, T0)];

        var r = RoundSelection.Select(tied, Pool, 60m, NoAdjustments, NoneWithdrawn);

        Assert.Equal([P(2), P(1)], r.Lines.Select(l => l.ApplicationId));
    }

    [Fact]
    public void A_district_round_funds_each_project_from_its_streets_share()
    {
        SelectionCandidate[] c = [new(P(1), 90m, Money.FromYuan(300m), 1, T0), new(P(2), 80m, Money.FromYuan(200m), 2, T0), new(P(3), 70m, Money.FromYuan(200m), 1, T0)];
        var pools = new Dictionary<long, Money> { [1] = Money.FromYuan(400m), [2] = Money.FromYuan(250m) };

        var r = RoundSelection.Select(c, pools, 60m, NoAdjustments, NoneWithdrawn);

        Assert.Equal([SelectionStatus.Funded, SelectionStatus.Funded, SelectionStatus.PoolExhausted], r.Lines.Select(l => l.Status));
        Assert.Equal(Money.FromYuan(100m), r.LeftoverByStreet[1]);
        Assert.Equal(Money.FromYuan(50m), r.LeftoverByStreet[2]);
    }

    [Theory]
    [InlineData("7000", "按余额资助", true)]
    [InlineData("20000", "按余额资助", false)]
    [InlineData("0", "按余额资助", false)]
    [InlineData("7000", "", false)]
    public void An_adjustment_is_less_than_requested_with_a_reason(string amount, string reason, bool ok)
    {
        var errors = RoundSelection.ValidateAdjustment(Money.FromYuan(20_000m), Money.FromYuan(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)), reason);

        Assert.Equal(ok, errors.IsEmpty);
    }
}
