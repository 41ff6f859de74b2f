using System.Net;
using Marketplace.Grid;
using Marketplace.Reports.Excel;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Features.Grid;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Grid;

/// <summary>
/// Bad input on every grid and matter form shows its Chinese reason on the page and saves nothing: a grid
/// without a name, a bad import row, an unknown grid, empty text, oversize photos, a deadline in the past,
/// steps out of turn, a wrong code, a rating of a matter not yet closed, a second rating.
/// </summary>
public abstract class GridPagesTests(GridApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private IStreetGridGrain Grids(long street) => Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IStreetGridGrain>(street);

    [SkippableFact]
    public async Task Grid_forms_refuse_bad_input_with_chinese_reasons_and_save_nothing()
    {
        var (street, _) = await GridFlow.ZhuangshiAsync(Factory);
        using var official = await AppSession.LoginAsync(Factory, "zhuangshi");
        var before = await Grids(street).GetAsync();
        var saved = await official.PostFormAsync("/Street/Grid", new()
        {
            ["Input.Version"] = $"{before.Version}", ["Input.Name"] = "", ["Input.Community"] = "勤勇村", ["Input.Kind"] = "Village",
            ["Input.Households"] = "0", ["Input.LeaderName"] = "王建国",
        }, "/Street/Grid?handler=Save");
        await ShownAsync(saved, "网格名称应为1至40个字", "户数应为1至5000");

        var sheet = new MemoryStream();
        XlsxWriter.Write(sheet, "网格", GridImport.Columns, [
            new object?[] { "骆驼桥网格", "勤勇村", "村", "150", "李强", "", "" },
            new object?[] { "庙后网格", "勤勇村", "镇", "一百", "", "", "" },
        ]);
        await ShownAsync(await PostFileAsync(official, "/Street/Grid", "/Street/Grid?handler=Import", "Workbook", "网格.xlsx", sheet.ToArray()),
            "第3行：类型应为“村”或“社区”", "第3行：户数应为整数");
        var after = await Grids(street).GetAsync();
        Assert.Equal((before.Version, before.Grids.Length), (after.Version, after.Grids.Length));
    }

    [SkippableFact]
    public async Task A_grid_worker_is_refused_an_unknown_grid_empty_text_and_oversize_photos()
    {
        var (street, _) = await GridFlow.ZhuangshiAsync(Factory);
        using var worker = await AppSession.LoginAsync(Factory, "wangge.qinyong");
        var count = (await GridFlow.Matters(Factory, street).GetAsync()).Matters.Length;
        await ShownAsync(await worker.PostFormAsync("/Grid", new()
        {
            ["GridNo"] = "999", ["ServiceAreaCode"] = "elderly", ["Title"] = "路面破损", ["Place"] = "勤勇村2组", ["Text"] = "",
        }), "网格不存在", "请填写事项内容");
        var own = (await Grids(street).GetAsync()).Grids.First(g => g.IsWorker("wangge.qinyong"));
        await ShownAsync(await PostFileAsync(worker, "/Grid", "/Grid", "Photos", "现场.jpg", new byte[(int)MatterRules.MaxPhotoBytes + 1],
            new() { ["GridNo"] = $"{own.No}", ["ServiceAreaCode"] = "elderly", ["Title"] = "路面破损", ["Place"] = "勤勇村2组", ["Text"] = "村道有坑" }),
            "每张照片不能超过5MB");
        Assert.Equal(count, (await GridFlow.Matters(Factory, street).GetAsync()).Matters.Length);
    }

    [SkippableFact]
    public async Task Matter_steps_out_of_turn_a_past_deadline_and_bad_ratings_are_refused()
    {
        var (street, _) = await GridFlow.ZhuangshiAsync(Factory);
        var grid = (await Grids(street).GetAsync()).Grids[0];
        var id = await GridFlow.ResidentMatterAsync(Factory, street, grid.No, "拒绝测试 楼道灯损坏");
        using var official = await AppSession.LoginAsync(Factory, "zhuangshi");
        var page = $"/Street/Grid/Matter/{id}";
        Task<HttpResponseMessage> Post(string handler, Dictionary<string, string> form) => official.PostFormAsync(page, form, $"{page}?handler={handler}");

        await ShownAsync(await Post("Accept", []), "事项待分派，不能进行此操作");
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8).AddDays(-1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await ShownAsync(await Post("Assign", new() { ["Tier"] = "Community", ["Handler"] = "", ["SolveBy"] = yesterday }), "请填写承办单位或承办人", "办结期限不能早于今天");
        Assert.Equal(MatterStatus.Reported, await StatusAsync(street, id));
        await Redirected(await Post("Assign", new() { ["Tier"] = "Community", ["Handler"] = "勤勇村社会服务管理站" }));
        await ShownAsync(await Post("Handle", new() { ["Note"] = "已处置" }), "事项已交办，不能进行此操作");
        await Redirected(await Post("Accept", []));
        await ShownAsync(await Post("Handle", new() { ["Note"] = "" }), "请填写处置情况");
        await ShownAsync(await Post("Close", new() { ["Result"] = " " }), "请填写办结结果");
        await ShownAsync(await Post("Escalate", new() { ["Reason"] = "" }), "请填写上报理由");
        Assert.Equal(MatterStatus.Accepted, await StatusAsync(street, id));

        using var resident = new AppSession(Factory);
        var rate = $"/Matters/Rate?street={street}&id={id}";
        await ShownAsync(await resident.PostFormAsync(rate, new() { ["Street"] = $"{street}", ["Id"] = $"{id}", ["Phone"] = "123" },
            $"/Matters/Rate?handler=SendCode&street={street}&id={id}"), "请填写11位手机号码");
        await resident.PostFormAsync(rate, new() { ["Street"] = $"{street}", ["Id"] = $"{id}", ["Phone"] = GridFlow.Phone }, $"/Matters/Rate?handler=SendCode&street={street}&id={id}");
        var code = Factory.Services.GetRequiredService<PhoneInbox>().LastCode(GridFlow.Phone);
        var wrong = code == "000000" ? "111111" : "000000";
        Dictionary<string, string> Rating(string c) => new() { ["Street"] = $"{street}", ["Id"] = $"{id}", ["Phone"] = GridFlow.Phone, ["Code"] = c, ["Rating"] = "VerySatisfied" };
        await ShownAsync(await resident.PostFormAsync(rate, Rating(wrong)), "验证码不正确或已过期");
        await ShownAsync(await resident.PostFormAsync(rate, Rating(code)), "事项尚未办结，办结后才能评价");
        Assert.Null((await GridFlow.Matters(Factory, street).GetAsync()).Find(id)!.Rating);

        await Redirected(await Post("Close", new() { ["Result"] = "已更换楼道灯" }));
        await Redirected(await resident.PostFormAsync(rate, Rating(code)));
        await ShownAsync(await resident.PostFormAsync(rate, Rating(code)), "该事项已评价，不能重复评价");
        var m = (await GridFlow.Matters(Factory, street).GetAsync()).Find(id)!;
        Assert.Equal(Satisfaction.VerySatisfied, m.Rating);
        Assert.Single(m.Steps, s => s.What.StartsWith("居民评价", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_resident_report_needs_the_phone_code_a_known_grid_and_text()
    {
        var (street, _) = await GridFlow.ZhuangshiAsync(Factory);
        var count = (await GridFlow.Matters(Factory, street).GetAsync()).Matters.Length;
        using var resident = new AppSession(Factory);
        var form = $"/Matters/Report?Street={street}";
        const string phone = "13905740001";
        Dictionary<string, string> Fields(string code) => new()
        {
            ["Street"] = $"{street}", ["GridNo"] = "0", ["ServiceAreaCode"] = "elderly", ["Title"] = "助餐", ["Place"] = "勤勇村", ["Text"] = "",
            ["Phone"] = phone, ["Code"] = code,
        };
        await ShownAsync(await resident.PostFormAsync(form, Fields("123456"), "/Matters/Report"), "验证码不正确或已过期");
        await ShownAsync(await resident.PostFormAsync(form, new() { ["Street"] = $"{street}", ["Phone"] = "1390574" }, "/Matters/Report?handler=SendCode"), "请填写11位手机号码");
        await resident.PostFormAsync(form, new() { ["Street"] = $"{street}", ["Phone"] = phone }, "/Matters/Report?handler=SendCode");
        var code = Factory.Services.GetRequiredService<PhoneInbox>().LastCode(phone);
        await ShownAsync(await resident.PostFormAsync(form, Fields(code), "/Matters/Report"), "网格不存在", "请填写事项内容");
        Assert.Equal(count, (await GridFlow.Matters(Factory, street).GetAsync()).Matters.Length);
    }

    [SkippableFact]
    public async Task A_districts_limits_must_be_working_days_with_the_first_step_before_solving()
    {
        var (_, district) = await GridFlow.ZhuangshiAsync(Factory);
        using var admin = await AppSession.LoginAsync(Factory, "admin.zhenhai");
        Dictionary<string, string> Limits(int first, int solve) => new()
        {
            ["Limits.CommunityFirst"] = $"{first}", ["Limits.CommunitySolve"] = $"{solve}", ["Limits.DepartmentFirst"] = "0",
            ["Limits.DepartmentSolve"] = "5", ["Limits.AboveFirst"] = "1",
        };
        await ShownAsync(await admin.PostFormAsync("/District/Grid/Settings", Limits(0, 0)), "应为1至30个工作日");
        await ShownAsync(await admin.PostFormAsync("/District/Grid/Settings", Limits(4, 3)), "答复(受理)期限不能晚于办结期限");
        var words = Limits(0, 3);
        words["Limits.CommunitySolve"] = "三";
        await ShownAsync(await admin.PostFormAsync("/District/Grid/Settings", words), "期限应填写0至30的整数");
        var grain = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IDistrictGridSettingsGrain>(district);
        Assert.Equal(MatterTierLimits.Default, await grain.GetAsync());
    }

    private async Task<MatterStatus> StatusAsync(long street, Guid id) => (await GridFlow.Matters(Factory, street).GetAsync()).Find(id)!.Status;

    private static async Task ShownAsync(HttpResponseMessage response, params string[] texts)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var text in texts)
        {
            Assert.Contains(text, html);
        }
    }

    private static Task Redirected(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Task.CompletedTask;
    }

    private static async Task<HttpResponseMessage> PostFileAsync(AppSession session, string formPage, string action, string field, string fileName,
        byte[] content, Dictionary<string, string>? fields = null)
    {
        var token = AppSession.AntiforgeryToken(await session.GetHtmlAsync(formPage));
        using var body = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(content), field, fileName } };
        foreach (var (k, v) in fields ?? [])
        {
            body.Add(new StringContent(v), k);
        }
        return await session.Http.PostAsync(action, body);
    }
}

public sealed class GridPagesTests_Sqlite(GridSqliteApp app) : GridPagesTests(app), IClassFixture<GridSqliteApp>;

public sealed class GridPagesTests_Postgres(GridPostgresApp app) : GridPagesTests(app), IClassFixture<GridPostgresApp>;
