using Marketplace.Grid;

namespace Marketplace.Tests.Domain.Grid;

public sealed class NeedsListTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly GridUnit[] Grids =
    [
        new(1, "勤勇村第一网格", "勤勇村", CommunityKind.Village, 152, "王建国", "", []),
        new(2, "勤勇村第二网格", "勤勇村", CommunityKind.Village, 148, "王建国", "", []),
        new(3, "中心社区第一网格", "中心社区", CommunityKind.Community, 300, "陈丽", "", []),
    ];

    private static Matter M(int grid, string area, int daysAgo, MatterSource source = MatterSource.GridVisit) =>
        new() { Id = Guid.NewGuid(), GridNo = grid, ServiceAreaCode = area, Source = source, ReportedAt = Now.AddDays(-daysAgo) };

    [Fact]
    public void Matters_of_one_community_and_area_within_the_period_become_a_need_at_the_threshold()
    {
        Matter[] matters =
        [
            // 勤勇村 社区治理: two grids of one village count together: 3 within 90 days (the one 120 days ago is outside) → a need of 3.
            M(1, "community", 5), M(2, "community", 40), M(1, "community", 89), M(2, "community", 120),
            // 勤勇村 养老助残: 2 matters and 2 menu orders (orders are answered by a purchase already) → not a need.
            M(1, "elderly", 3), M(2, "elderly", 10), M(1, "elderly", 1, MatterSource.MenuOrder), M(2, "elderly", 2, MatterSource.MenuOrder),
            // 中心社区 养老助残: 4 → a need of 4, listed first.
            M(3, "elderly", 1), M(3, "elderly", 2), M(3, "elderly", 30), M(3, "elderly", 60, MatterSource.Resident),
            // A grid no longer in the street is not counted.
            M(9, "community", 1), M(9, "community", 2), M(9, "community", 3),
        ];
        var needs = NeedsList.Find(matters, Grids, NeedThreshold.Default, [], Now);
        Assert.Equal([("中心社区", "elderly", 4), ("勤勇村", "community", 3)], needs.Select(n => (n.Community, n.ServiceAreaCode, n.Count)));
        Assert.Equal((Now.AddDays(-89), Now.AddDays(-5)), (needs[1].FirstAt, needs[1].LastAt));

        // A street that counts 2 in 30 days sees other needs: 勤勇村 养老助残 (2), 中心社区 养老助残 (3); 勤勇村 社区治理 has 1 in 30 days.
        var strict = NeedsList.Find(matters, Grids, new NeedThreshold(2, 30), [], Now);
        Assert.Equal([("中心社区", "elderly", 3), ("勤勇村", "elderly", 2)], strict.Select(n => (n.Community, n.ServiceAreaCode, n.Count)));
    }

    [Fact]
    public void A_reviewed_need_stays_on_the_list_with_its_decision_when_its_count_falls()
    {
        var review = new NeedReview("勤勇村", "community", NeedDecision.Declined, "已纳入村级自治事项", 3, "庄市街道 周宁", Now.AddDays(-100), []);
        var needs = NeedsList.Find([M(1, "community", 2)], Grids, NeedThreshold.Default, [review], Now);
        var need = Assert.Single(needs);
        Assert.Equal((1, NeedDecision.Declined), (need.Count, need.Review!.Decision));
        var gone = Assert.Single(NeedsList.Find([], Grids, NeedThreshold.Default, [review], Now));
        Assert.Equal((0, "已纳入村级自治事项"), (gone.Count, gone.Review!.Reason));
    }

    [Fact]
    public void A_threshold_is_two_to_a_hundred_matters_over_a_week_to_a_year()
    {
        Assert.Empty(NeedThreshold.Default.Validate());
        Assert.Equal(["事项数应为2至100件", "统计期应为7至366天"], new NeedThreshold(1, 400).Validate().Select(e => e.Message));
    }
}
