using System.Net;
using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Grid;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Grid;

/// <summary>
/// 菜单式服务 (issue 17 item 4): a resident orders a contracted service for her 村(社区); the order reaches the contract's
/// organization (and no other), which accepts, delivers and closes it, and the delivery counts in the contract's 服务完成度.
/// Bad input on the menu and order forms shows its Chinese reason and saves nothing.
/// </summary>
public abstract class ServiceMenuTests(GridApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Qiming = "52320115MJ5K631475";   // 江宁区启明社会工作事务所 (ngo.qiming)
    private const string Community = "上坊社区";
    private const string Place = "上坊社区7幢2单元301室";
    private const string Resident = "孙阿姨";

    private IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    [SkippableFact]
    public async Task A_residents_order_from_the_service_menu_reaches_the_contracted_ngo_and_counts_in_that_contracts_evaluation()
    {
        var (street, grid) = await DongshanGridAsync("上坊社区第一网格");
        var contract = await ContractAsync(street, "菜单测试 上坊社区老人助浴服务", "bath", "上门助浴服务");
        const string phone = "13905741001";

        using var resident = new AppSession(Factory);
        var menu = $"/Matters/Menu?street={street}&community={Uri.EscapeDataString(Community)}";
        var html = WebUtility.HtmlDecode(await resident.GetHtmlAsync(menu));
        Assert.Contains("上门助浴服务", html);
        Assert.Contains("江宁区启明社会工作事务所", html);
        var ordered = await OrderAsync(resident, street, menu, $"{contract:N}:bath", grid, phone, "老人行动不便，想每周上门助浴一次");
        Assert.Equal(HttpStatusCode.Redirect, ordered.StatusCode);
        var order = (await Matters(street).GetAsync()).Matters.Single(m => m.ContractId == contract);
        Assert.Equal((MatterSource.MenuOrder, MatterStatus.Assigned, Qiming, "上门助浴服务"), (order.Source, order.Status, order.OrganizationUscc, order.Title));

        // The contracted organization sees the order with what it needs to deliver it; another organization never sees it.
        using var qiming = await AppSession.LoginAsync(Factory, "ngo.qiming");
        var own = WebUtility.HtmlDecode(await qiming.GetHtmlAsync("/Ngo/Orders"));
        Assert.Contains(Place, own);
        Assert.Contains(phone, own);
        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        var other = WebUtility.HtmlDecode(await lejia.GetHtmlAsync("/Ngo/Orders"));
        Assert.DoesNotContain(Place, other);
        Assert.DoesNotContain(order.Id.ToString(), other);
        await ShownAsync(await Step(lejia, "Accept", street, order.Id), "事项不存在");
        Assert.Equal(MatterStatus.Assigned, (await Matters(street).GetAsync()).Find(order.Id)!.Status);

        // Steps out of turn and empty text are refused on the page; nothing is counted until the service is delivered.
        await ShownAsync(await Step(qiming, "Close", street, order.Id, ("Result", "已完成")), "事项已交办，不能进行此操作");
        Assert.Equal(HttpStatusCode.Redirect, (await Step(qiming, "Accept", street, order.Id)).StatusCode);
        await ShownAsync(await Step(qiming, "Deliver", street, order.Id, ("Note", " ")), "请填写服务情况");
        Assert.Empty((await Grains.GetGrain<IContractGrain>(contract).GetAsync())!.MenuDeliveries);
        Assert.Equal(HttpStatusCode.Redirect, (await Step(qiming, "Deliver", street, order.Id, ("Note", "11月28日上门助浴，老人状态良好"))).StatusCode);
        await ShownAsync(await Step(lejia, "Close", street, order.Id, ("Result", "已完成")), "事项不存在");
        Assert.Equal(HttpStatusCode.Redirect, (await Step(qiming, "Close", street, order.Id, ("Result", "已完成助浴，家属满意"))).StatusCode);
        Assert.Equal(MatterStatus.Closed, (await Matters(street).GetAsync()).Find(order.Id)!.Status);

        // By hand: 100 contracted at ¥150; the mid-term evaluation (tranche 2) reconciles against half, 50 units = ¥7,500;
        // one delivered order = ¥150 → 服务完成度 2.00%. The final evaluation counts it against all 100: ¥150 / ¥15,000 = 1.00%.
        var state = (await Grains.GetGrain<IContractGrain>(contract).GetAsync())!;
        var delivery = Assert.Single(state.MenuDeliveries);
        Assert.Equal((order.Id, "bath", 2), (delivery.OrderId, delivery.UnitCode, delivery.TrancheNo));
        Assert.Equal((1, 2.00m), (state.CompletionOf(2).Delivered["bath"], state.CompletionOf(2).Percent!.Value));
        Assert.Equal(1.00m, state.CompletionOf(3).Percent!.Value);
        Assert.Equal(ContractStatus.InService, state.Status);

        // Still only the contracted organization's; and the public menu shows services, never the resident.
        Assert.DoesNotContain(Place, WebUtility.HtmlDecode(await lejia.GetHtmlAsync("/Ngo/Orders")));
        var publicMenu = WebUtility.HtmlDecode(await resident.GetHtmlAsync(menu));
        Assert.All(new[] { Place, phone, Resident }, p => Assert.DoesNotContain(p, publicMenu));
    }

    [SkippableFact]
    public async Task The_menu_refuses_an_unknown_community_empty_text_a_wrong_code_and_a_service_whose_contract_ended()
    {
        var (street, grid) = await DongshanGridAsync("上坊社区第二网格");
        var contract = await ContractAsync(street, "菜单测试 上坊社区居家小修服务", "repair", "居家小修小补");
        const string phone = "13905741002";
        var count = (await Matters(street).GetAsync()).Matters.Length;
        using var resident = new AppSession(Factory);
        var menu = $"/Matters/Menu?street={street}&community={Uri.EscapeDataString(Community)}";
        var service = $"{contract:N}:repair";

        await ShownAsync(await resident.GetAsync($"/Matters/Menu?street={street}&community={Uri.EscapeDataString("不存在社区")}"), "该村(社区)不在本街道");
        var unknown = Fields(street, service, grid, phone, "000000", "换灯泡");
        unknown["Community"] = "不存在社区";
        await ShownAsync(await resident.PostFormAsync(menu, unknown, "/Matters/Menu"), "该村(社区)不在本街道");
        await ShownAsync(await resident.PostFormAsync(menu, new() { ["Street"] = $"{street}", ["Community"] = Community, ["Phone"] = "1390574" },
            "/Matters/Menu?handler=SendCode"), "请填写11位手机号码");
        await resident.PostFormAsync(menu, new() { ["Street"] = $"{street}", ["Community"] = Community, ["Phone"] = phone }, "/Matters/Menu?handler=SendCode");
        var code = Factory.Services.GetRequiredService<PhoneInbox>().LastCode(phone);
        var wrong = code == "000000" ? "111111" : "000000";
        await ShownAsync(await resident.PostFormAsync(menu, Fields(street, service, grid, phone, wrong, "厨房水龙头漏水")), "验证码不正确或已过期");
        await ShownAsync(await resident.PostFormAsync(menu, Fields(street, service, grid, phone, code, "")), "请填写事项内容");
        await ShownAsync(await resident.PostFormAsync(menu, Fields(street, $"{Guid.NewGuid():N}:repair", grid, phone, code, "厨房水龙头漏水")), "该服务不在本街道的服务菜单中");

        // The contract ends (terminated): the menu no longer offers it and an order of it is refused.
        var official = (await Grains.GetGrain<IContractGrain>(contract).GetAsync())!.CreatedBy;
        Assert.True((await Grains.GetGrain<IContractGrain>(contract).TerminateAsync(street, "承接机构人员变动，双方协商终止", official)).Succeeded);
        Assert.DoesNotContain("居家小修小补", WebUtility.HtmlDecode(await resident.GetHtmlAsync(menu)));
        // The menu has no form left to take the token from; the report form's serves (a token is not tied to a page).
        var ended = await resident.PostFormAsync($"/Matters/Report?Street={street}", Fields(street, service, grid, phone, code, "厨房水龙头漏水"), "/Matters/Menu");
        await ShownAsync(ended, "该服务的合同已结束，暂不能点单");
        Assert.Equal(count, (await Matters(street).GetAsync()).Matters.Length);
        Assert.Empty((await Grains.GetGrain<IContractGrain>(contract).GetAsync())!.MenuDeliveries);
    }

    private IStreetMattersGrain Matters(long street) => Grains.GetGrain<IStreetMattersGrain>(street);

    /// <summary>东山街道 and a grid of 上坊社区 of its own (the seed has no grids there).</summary>
    private async Task<(long Street, int Grid)> DongshanGridAsync(string name)
    {
        long street;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            street = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Streets.AsNoTracking().SingleAsync(s => s.Name == "东山街道")).Id;
        }
        var grids = Grains.GetGrain<IStreetGridGrain>(street);
        var saved = await grids.SaveAsync(new GridUnit(0, name, Community, CommunityKind.Community, 300, "赵敏", "", []), (await grids.GetAsync()).Version, "东山街道 王芳");
        Assert.True(saved.Succeeded);
        return (street, saved.Value!.No);
    }

    /// <summary>A 东山街道 paper contract with 启明 of one service unit (100 at ¥150, one year from today), signed by both sides.</summary>
    private async Task<Guid> ContractAsync(long street, string title, string code, string unit)
    {
        long district;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            district = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Streets.AsNoTracking().SingleAsync(s => s.Id == street)).DistrictId;
        }
        var id = Guid.NewGuid();
        var contract = Grains.GetGrain<IContractGrain>(id);
        var start = ChinaTime.Day(DateTimeOffset.UtcNow);
        var amount = Money.FromYuan(15_000m);
        var created = await contract.CreateFromRecordAsync(new ContractRecord(street, district, title, "为社区老人提供上门生活服务", "服务台账", Qiming, "elderly", amount,
            [new SourceAmount(FundingSource.Fiscal, amount)],
            new ContractDraft(street, start, ContractTerm.LastDay(start, 1), null, PaymentSchedule.Default, [new ServiceUnit(code, unit, Money.FromYuan(150m), 100)]),
            "JN-DS-2026-" + Random.Shared.Next(100, 999)), "dongshan");
        Assert.True(created.Succeeded, created.Errors.IsDefaultOrEmpty ? "" : created.Errors[0].Message);
        Assert.True((await contract.SignAsStreetAsync(street, "dongshan")).Succeeded);
        Assert.True((await contract.SignAsOrganizationAsync(Qiming, new BankAccount("中国银行南京江宁支行", "江宁区启明社会工作事务所", "4880581234567890"), "ngo.qiming")).Succeeded);
        return id;
    }

    private async Task<HttpResponseMessage> OrderAsync(AppSession resident, long street, string menu, string service, int grid, string phone, string text)
    {
        await resident.PostFormAsync(menu, new() { ["Street"] = $"{street}", ["Community"] = Community, ["Phone"] = phone }, "/Matters/Menu?handler=SendCode");
        var code = Factory.Services.GetRequiredService<PhoneInbox>().LastCode(phone);
        return await resident.PostFormAsync(menu, Fields(street, service, grid, phone, code, text), "/Matters/Menu");
    }

    private static Dictionary<string, string> Fields(long street, string service, int grid, string phone, string code, string text) => new()
    {
        ["Street"] = $"{street}", ["Community"] = Community, ["Service"] = service, ["GridNo"] = $"{grid}", ["Place"] = Place, ["Text"] = text,
        ["ResidentName"] = Resident, ["Phone"] = phone, ["Code"] = code,
    };

    private static Task<HttpResponseMessage> Step(AppSession ngo, string handler, long street, Guid id, params (string Key, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["Street"] = $"{street}", ["Id"] = $"{id}" };
        foreach (var (k, v) in fields)
        {
            form[k] = v;
        }
        return ngo.PostFormAsync("/Ngo/Contracts", form, $"/Ngo/Orders?handler={handler}");
    }

    private static async Task ShownAsync(HttpResponseMessage response, params string[] texts)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var text in texts)
        {
            Assert.Contains(text, html);
        }
    }
}

public sealed class ServiceMenuTests_Sqlite(GridSqliteApp app) : ServiceMenuTests(app), IClassFixture<GridSqliteApp>;

public sealed class ServiceMenuTests_Postgres(GridPostgresApp app) : ServiceMenuTests(app), IClassFixture<GridPostgresApp>;
