using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Grid;

/// <summary>
/// Issue 17: a matter's photos are shown to its street only (the download route answers 404 to anyone else and for
/// any name the matter does not hold), and the street creates 网格员 accounts for its grids, refused beside the field.
/// </summary>
public abstract class GridStreetAccessTests(GridApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task A_matters_photo_is_shown_to_its_street_and_not_found_for_anyone_else()
    {
        var (street, _) = await GridFlow.ZhuangshiAsync(Factory);
        var grid = await GridFlow.GridAsync(Factory, street, "照片测试网格", "wangge.qinyong");
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, .. "庄市街道现场照片"u8.ToArray(), 0xFF, 0xD9];
        using var worker = await AppSession.LoginAsync(Factory, "wangge.qinyong");
        var token = AppSession.AntiforgeryToken(await worker.GetHtmlAsync("/Grid"));
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent($"{grid.No}"), "GridNo" },
            { new StringContent("elderly"), "ServiceAreaCode" }, { new StringContent("院墙开裂"), "Title" },
            { new StringContent("勤勇村5组"), "Place" }, { new StringContent("独居老人院墙开裂，雨天有倒塌风险"), "Text" },
            { new ByteArrayContent(jpeg), "Photos", "现场.jpg" },
        };
        Assert.Equal(HttpStatusCode.Redirect, (await worker.Http.PostAsync("/Grid", body)).StatusCode);
        var m = (await GridFlow.Matters(Factory, street).GetAsync()).Matters.Single(x => x.GridNo == grid.No && x.Title == "院墙开裂");
        var name = Assert.Single(m.PhotoIds);
        var url = $"/Street/Grid/Photo/{m.Id}/{name}";

        using var official = await AppSession.LoginAsync(Factory, "zhuangshi");
        Assert.Contains(url, await official.GetHtmlAsync($"/Street/Grid/Matter/{m.Id}"));
        var photo = await official.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jpeg, await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await official.GetAsync($"/Street/Grid/Photo/{m.Id}/{Guid.NewGuid():N}.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await official.GetAsync($"/Street/Grid/Photo/{Guid.NewGuid()}/{name}")).StatusCode);

        using var otherStreet = await AppSession.LoginAsync(Factory, "dongshan");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync(url)).StatusCode);
        using var anonymous = new AppSession(Factory);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await worker.GetAsync(url)).StatusCode);
    }

    [SkippableFact]
    public async Task The_street_creates_a_grid_worker_account_and_bad_input_is_refused_beside_the_field()
    {
        var (street, _) = await GridFlow.ZhuangshiAsync(Factory);
        var grid = await GridFlow.GridAsync(Factory, street, "账号测试网格");
        using var official = await AppSession.LoginAsync(Factory, "zhuangshi");
        Dictionary<string, string> Fields(int gridNo, string user, string name, string phone, string password) => new()
        {
            ["Input.GridNo"] = $"{gridNo}", ["Input.UserName"] = user, ["Input.DisplayName"] = name, ["Input.Phone"] = phone, ["Input.Password"] = password,
        };
        var count = await WorkerCountAsync();
        await BesideAsync(await official.PostFormAsync("/Street/Grid/Workers", Fields(999, "王 网格", "王", "1380574", "Qinyong2026")),
            ("Input.GridNo", "网格不存在"), ("Input.UserName", "账号应为3至32位小写字母、数字、“.”或“_”"),
            ("Input.DisplayName", "姓名应为2至20个字"), ("Input.Phone", "请填写11位手机号码"));
        await BesideAsync(await official.PostFormAsync("/Street/Grid/Workers", Fields(grid.No, "wangge.qinyong", "李小红", "13805746789", "Qinyong2026")),
            ("Input.UserName", "该账号已被使用"));
        await BesideAsync(await official.PostFormAsync("/Street/Grid/Workers", Fields(grid.No, "wangge.lixh", "李小红", "13805746789", "abc")),
            ("Input.Password", "密码至少 8 位"));
        Assert.Equal(count, await WorkerCountAsync());
        Assert.Empty((await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<Marketplace.Grid.IStreetGridGrain>(street).GetAsync()).Find(grid.No)!.WorkerUsers);

        var created = await official.PostFormAsync("/Street/Grid/Workers", Fields(grid.No, "wangge.lixh", "李小红", "13805746789", "Qinyong2026"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = WebUtility.HtmlDecode(await official.GetHtmlAsync("/Street/Grid/Workers"));
        Assert.Matches(new Regex("<td>wangge.lixh</td><td>李小红</td><td>13805746789</td>\\s*<td>账号测试网格</td>"), list);
        using var otherStreet = await AppSession.LoginAsync(Factory, "dongshan");
        Assert.DoesNotContain("wangge.lixh", await otherStreet.GetHtmlAsync("/Street/Grid/Workers"));

        // The new account signs in as a 网格员 of this street and reports for the grid it was created for.
        using var worker = await AppSession.LoginAsync(Factory, "wangge.lixh", "Qinyong2026");
        Assert.Contains($"<option value=\"{grid.No}\"", await worker.GetHtmlAsync("/Grid"));
        Assert.Equal(count + 1, await WorkerCountAsync());
    }

    private async Task<int> WorkerCountAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().GetUsersInRoleAsync("GridWorker")).Count;
    }

    /// <summary>Each message is shown in the validation span of its own field.</summary>
    private static async Task BesideAsync(HttpResponseMessage response, params (string Field, string Message)[] expected)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var (field, message) in expected)
        {
            Assert.Matches(new Regex($"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>{Regex.Escape(message)}<"), html);
        }
    }
}

public sealed class GridStreetAccessTests_Sqlite(GridSqliteApp app) : GridStreetAccessTests(app), IClassFixture<GridSqliteApp>;

public sealed class GridStreetAccessTests_Postgres(GridPostgresApp app) : GridStreetAccessTests(app), IClassFixture<GridPostgresApp>;
