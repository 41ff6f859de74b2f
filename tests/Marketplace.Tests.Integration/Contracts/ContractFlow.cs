using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Contracts;

/// <summary>A 东山街道 purchase brought to 待签约 and, when asked, to a contract both sides signed.</summary>
internal static class ContractFlow
{
    public const string Qiming = "52320115MJ5K631475"; // 江宁区启明社会工作事务所, 已入库

    public static BankAccount Account { get; } = new("中国银行南京江宁支行", "江宁区启明社会工作事务所", "4880581234567890");

    /// <summary>A 东山街道 purchase that failed and went single-source to 启明 at 260,000; 公示 over: 待签约.</summary>
    public static async Task<Guid> AwardedAsync(MarketplaceAppFactory factory, MovableClock clock, string title = "合同测试 居家养老上门服务")
    {
        using var official = await AppSession.LoginAsync(factory, "dongshan");
        var id = await TenderForms.PublishAsync(official, clock.GetUtcNow(), title);
        using (var lejia = await AppSession.LoginAsync(factory, "ngo.lejia"))
        {
            await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(lejia, id, "280000", "合同测试方案"));
        }
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id);
        clock.Advance((await grain.GetInfoAsync())!.Notice.Deadline - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await grain.CloseAsync();
        Assert.True((await grain.SwitchToSingleSourceAsync(Qiming, Money.FromYuan(260_000m),
            "该服务须与街道既有的居家养老信息平台对接，只能从唯一供应商处采购", "dongshan")).Succeeded);
        clock.Advance((await grain.GetInfoAsync())!.Award!.PublicityEndsAt - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        Assert.Equal(TenderStatus.ReadyForContract, (await grain.EndPublicityAsync()).Value!.Status);
        return id;
    }

    /// <summary>The awarded purchase drafted with the default schedule (one-year term from today) and signed by both sides.</summary>
    public static async Task<(Guid Id, long StreetId)> SignedAsync(MarketplaceAppFactory factory, MovableClock clock, string title = "合同测试 居家养老上门服务")
    {
        var id = await AwardedAsync(factory, clock, title);
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var streetId = (await grains.GetGrain<ITenderGrain>(id).GetInfoAsync())!.StreetId;
        var start = ChinaTime.Day(clock.GetUtcNow());
        var contract = grains.GetGrain<IContractGrain>(id);
        var created = await contract.CreateFromAwardAsync(new ContractDraft(streetId, start, ContractTerm.LastDay(start, 1), null, PaymentSchedule.Default, []), "dongshan");
        Assert.True(created.Succeeded, created.Errors.IsDefaultOrEmpty ? "" : created.Errors[0].Message);
        Assert.True((await contract.SignAsStreetAsync(streetId, "dongshan")).Succeeded);
        var signed = await contract.SignAsOrganizationAsync(Qiming, Account, "ngo.qiming");
        Assert.True(signed.Succeeded, signed.Errors.IsDefaultOrEmpty ? "" : signed.Errors[0].Message);
        return (id, streetId);
    }

    /// <summary>A 东山街道 paper contract with 启明 (合同补录, ¥50,000 财政资金, one year from today) signed by both sides; no HTTP needed.</summary>
    public static async Task<Guid> RecordedAndSignedAsync(IServiceProvider services, MovableClock clock, string title)
    {
        long streetId, districtId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Marketplace.Web.Data.AppDbContext>();
            var street = db.Streets.Single(s => s.Name == "东山街道");
            (streetId, districtId) = (street.Id, street.DistrictId);
        }
        var id = Guid.NewGuid();
        var contract = services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(id);
        var start = ChinaTime.Day(clock.GetUtcNow());
        var amount = Money.FromYuan(50_000m);
        var record = new ContractRecord(streetId, districtId, title, "为辖区独居老人提供上门探访服务", "探访台账", Qiming, "elderly", amount,
            [new Marketplace.Budgets.SourceAmount(Marketplace.Budgets.FundingSource.Fiscal, amount)],
            new ContractDraft(streetId, start, ContractTerm.LastDay(start, 1), null, PaymentSchedule.Default, []), "JN-DS-2026-030");
        var created = await contract.CreateFromRecordAsync(record, "dongshan");
        Assert.True(created.Succeeded, created.Errors.IsDefaultOrEmpty ? "" : created.Errors[0].Message);
        Assert.True((await contract.SignAsStreetAsync(streetId, "dongshan")).Succeeded);
        Assert.True((await contract.SignAsOrganizationAsync(Qiming, Account, "ngo.qiming")).Succeeded);
        return id;
    }
}
