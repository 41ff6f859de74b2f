using System.Collections.Immutable;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Grains.Infrastructure;
using Marketplace.Tests.Grains.Tendering;

namespace Marketplace.Tests.Grains.Contracts;

/// <summary>An award ready for contract, and the score sheets the contract tests use.</summary>
internal static class ContractTestData
{
    public const decimal Price = 260_000m;

    /// <summary>
    /// A purchase of 东山街道 (ceiling 300,000: 财政资金 200,000 + 街道专项基金 100,000) that failed with one
    /// applicant (the competitor) and went single-source to the winner at 260,000; 公示 over: 待签约.
    /// </summary>
    public static async Task<(TenderInfo Tender, string Winner, string Competitor)> ReadyForContractAsync(this ClusterFixture cluster)
    {
        var (grain, info) = await cluster.PublishedTenderAsync("东山街道", minimum: 3);
        string winner = TenderTestData.NewUscc(), competitor = TenderTestData.NewUscc();
        await cluster.AddNgoAccountsAsync(winner, competitor);
        Assert.True((await grain.SubmitAsync(competitor, TenderTestData.Proposal(280_000m), "k", "ngo")).Succeeded);
        cluster.Clock.Advance(info.Notice.Deadline - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        Assert.Equal(TenderStatus.Failed, (await grain.CloseAsync()).Value!.Status);
        var switched = await grain.SwitchToSingleSourceAsync(winner, Money.FromYuan(Price), "该服务需与辖区既有居家养老信息平台衔接，只能从唯一供应商处采购", "dongshan");
        Assert.True(switched.Succeeded, switched.Errors.IsDefaultOrEmpty ? "" : switched.Errors[0].Message);
        cluster.Clock.Advance(switched.Value!.Award!.PublicityEndsAt - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var ready = (await grain.EndPublicityAsync()).Value!;
        Assert.Equal(TenderStatus.ReadyForContract, ready.Status);
        return (ready, winner, competitor);
    }

    public static ImmutableArray<ServiceUnit> Units { get; } =
        [new("case", "个案服务", Money.FromYuan(300m), 100), new("event", "200人以上社区活动", Money.FromYuan(4_000m), 10)];

    /// <summary>A one-year term starting ten days from the silo's today, so every report is still due.</summary>
    public static ContractDraft Draft(this ClusterFixture cluster, long streetId, ImmutableArray<TranchePlan>? schedule = null)
    {
        var start = DateOnly.FromDateTime(cluster.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(10);
        return new ContractDraft(streetId, start, ContractTerm.LastDay(start, 1), null, schedule ?? PaymentSchedule.Default, Units);
    }

    public static BankAccount Account { get; } = new("中国银行南京江宁支行", "江宁区社会工作服务中心", "4880 5812 3456 7890");

    /// <summary>A five-indicator sheet (服务完成度 30, 服务质量 30, 满意度 20, 财务规范 10, 档案管理 10).</summary>
    public static ImmutableDictionary<string, decimal> Sheet(decimal completion, decimal quality, decimal satisfaction, decimal finance, decimal archives) =>
        ImmutableDictionary<string, decimal>.Empty.Add("completion", completion).Add("quality", quality).Add("satisfaction", satisfaction)
            .Add("finance", finance).Add("archives", archives);

    public static ImmutableDictionary<string, decimal> Survey(decimal mean) => ImmutableDictionary<string, decimal>.Empty.Add("satisfaction", mean);

    public static ReportDraft Report(int tranche, int cases, int events, ImmutableDictionary<string, decimal> self) =>
        new(tranche, cases * 3, events, ImmutableDictionary<string, int>.Empty.Add("case", cases).Add("event", events),
            "本期开展个案服务与社区活动，建立服务档案", [], self);
}
