using System.Collections.Immutable;
using Marketplace.Tendering;

namespace Marketplace.Tests.Domain.Tendering;

public sealed class PanelDrawTests
{
    private static Expert E(int n, string field = "养老服务", string? employerUscc = null, long? street = null, params string[] ties) =>
        new(new Guid(n, 0, 0, new byte[8]), $"专家{n}", field, "南京某高校", employerUscc, $"expert{n}", street, [.. ties], true);

    private static readonly ImmutableArray<Expert> Pool = [.. Enumerable.Range(1, 12).Select(n => E(n))];

    [Fact]
    public void The_same_seed_gives_the_same_draw_whatever_order_the_pool_is_stored_in()
    {
        const ulong seed = 0x5EED_2026_0301UL;
        var first = PanelDraw.Order(Pool, seed);
        var again = PanelDraw.Order(Pool.Reverse(), seed);
        Assert.Equal(first.ToArray(), again.ToArray());
        Assert.Equal(Pool.Length, first.Distinct().Count());
        Assert.NotEqual(first.ToArray(), PanelDraw.Order(Pool, seed + 1).ToArray());
    }

    [Fact]
    public void A_recorded_seed_replays_to_the_recorded_panel()
    {
        // Recorded once and kept: the draw algorithm must never change what an old seed means.
        var order = PanelDraw.Order(Pool, 42UL);
        var panel = PanelDraw.Take(order, Pool.ToDictionary(e => e.Id), 3, _ => true);
        Assert.Equal([10, 7, 8], panel.Select(id => BitConverter.ToInt32(id.ToByteArray(), 0)));
        Assert.Equal(order.Take(3), panel.ToArray());
    }

    [Fact]
    public void Conflicted_experts_and_the_buying_streets_officials_are_never_drawn()
    {
        string[] applicants = ["91320115MA1XXXXXX1"];
        Assert.Equal("任职于申请单位", PanelDraw.Exclusion(E(1, employerUscc: applicants[0]), "养老服务", 7, applicants));
        Assert.Equal("与申请单位存在利害关系", PanelDraw.Exclusion(E(2, ties: applicants[0]), "养老服务", 7, applicants));
        Assert.Equal("采购街道工作人员", PanelDraw.Exclusion(E(3, street: 7), "养老服务", 7, applicants));
        Assert.Null(PanelDraw.Exclusion(E(4, street: 8), "养老服务", 7, applicants)); // another street's official may sit
        Assert.Equal("专业领域不符", PanelDraw.Exclusion(E(5, field: "法律援助"), "养老服务", 7, applicants));
    }

    [Fact]
    public void A_replacement_is_the_next_eligible_expert_in_the_recorded_order()
    {
        var pool = Pool.ToDictionary(e => e.Id);
        var order = PanelDraw.Order(Pool, 7UL);
        var panel = PanelDraw.Take(order, pool, 3, _ => true);
        var replacement = PanelDraw.Take(order, pool, 1, e => !panel.Contains(e.Id));
        Assert.Equal(order[3], Assert.Single(replacement));
    }
}
