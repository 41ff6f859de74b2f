using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Tests.Integration.Infrastructure;

namespace Marketplace.Tests.Integration.Catalog;

/// <summary>The transfer-item catalog end to end, over HTTP, on each database.</summary>
public abstract class CatalogFlowTests(AppFixture app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task Published_item_appears_on_public_page_and_json()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var title = CatalogForms.Unique("社区助老服务");
        var (id, version) = await CatalogForms.CreateAsync(official, title);
        await CatalogForms.PublishAsync(official, id, version);

        using var anonymous = new AppSession(Factory);
        var page = await anonymous.GetHtmlAsync("/Catalog?q=" + Uri.EscapeDataString(title));
        Assert.Contains(title, page);
        Assert.Contains("东山街道", page);

        var json = await anonymous.Http.GetFromJsonAsync<JsonElement>("/api/public/catalog?q=" + Uri.EscapeDataString(title));
        var item = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.Equal("123456.78", item.GetProperty("referenceBudget").GetString());
        Assert.Equal("东山街道", item.GetProperty("street").GetString());
        Assert.Equal("养老助残", item.GetProperty("serviceAreaName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/Catalog/Details/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task Draft_is_not_public_until_published()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var title = CatalogForms.Unique("草稿事项");
        var (id, _) = await CatalogForms.CreateAsync(official, title);

        using var anonymous = new AppSession(Factory);
        var json = await anonymous.Http.GetFromJsonAsync<JsonElement>("/api/public/catalog?q=" + Uri.EscapeDataString(title));
        Assert.Equal(0, json.GetProperty("total").GetInt32());
        Assert.Contains("没有符合条件的事项", await anonymous.GetHtmlAsync("/Catalog?q=" + Uri.EscapeDataString(title)));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Catalog/Details/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task Official_of_another_street_can_neither_read_nor_change_a_draft()
    {
        using var dongshan = await AppSession.LoginAsync(Factory, "dongshan");
        var title = CatalogForms.Unique("东山草稿");
        var (id, version) = await CatalogForms.CreateAsync(dongshan, title);

        using var moling = await AppSession.LoginAsync(Factory, "moling");
        Assert.Equal(HttpStatusCode.NotFound, (await moling.GetAsync($"/Street/Catalog/Edit/{id}")).StatusCode);
        Assert.DoesNotContain(title, await moling.GetHtmlAsync("/Street/Catalog"));
        var edit = await moling.PostFormAsync("/Street/Catalog/Edit", CatalogForms.Item("秣陵改写"), $"/Street/Catalog/Edit/{id}");
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var publish = await moling.PostFormAsync("/Street/Catalog", [], $"/Street/Catalog?handler=Publish&id={id}&version={version}");
        Assert.Equal(HttpStatusCode.NotFound, publish.StatusCode);

        Assert.Equal((id, version), await CatalogForms.FindAsync(Factory, title));
    }

    [SkippableTheory]
    [InlineData("/Street/Catalog")]
    [InlineData("/Street/Catalog/Edit")]
    [InlineData("/District/Guiding")]
    public async Task Anonymous_is_sent_to_login_from_staff_pages(string url)
    {
        using var anonymous = new AppSession(Factory);
        var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [SkippableFact]
    public async Task Job_dashboard_is_for_operators_only()
    {
        using var anonymous = new AppSession(Factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        Assert.Equal(HttpStatusCode.Forbidden, (await official.GetAsync("/hangfire")).StatusCode);
        // The dashboard spans all districts: a district admin could delete another district's timers.
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/hangfire")).StatusCode);
        Assert.DoesNotContain("/hangfire", await admin.GetHtmlAsync("/"));
        using var operatorSession = await AppSession.LoginAsync(Factory, "ops");
        Assert.Equal(HttpStatusCode.OK, (await operatorSession.GetAsync("/hangfire")).StatusCode);
        Assert.Contains("后台任务队列", await operatorSession.GetHtmlAsync("/"));
    }

    [SkippableFact]
    public async Task Street_official_is_refused_district_admin_pages()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var response = await official.GetAsync("/District/Guiding");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Error/403", response.Headers.Location!.PathAndQuery);
        Assert.Contains("没有权限", await official.GetHtmlAsync(response.Headers.Location!.PathAndQuery));
    }

    [SkippableFact]
    public async Task Post_without_antiforgery_token_is_rejected_and_saves_nothing()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var title = CatalogForms.Unique("无令牌");
        var response = await official.Http.PostAsync("/Street/Catalog/Edit", new FormUrlEncodedContent(CatalogForms.Item(title)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await CatalogForms.FindAsync(Factory, title));
    }

    [SkippableFact]
    public async Task Navigation_shows_what_the_role_may_use()
    {
        using var anonymous = new AppSession(Factory);
        var publicHome = await anonymous.GetHtmlAsync("/");
        Assert.Contains("登录", publicHome);
        Assert.DoesNotContain("本街道事项", publicHome);

        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var home = await official.GetHtmlAsync("/");
        Assert.Contains("本街道事项", home);
        Assert.DoesNotContain("指导性目录</a>", home);

        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        Assert.Contains("指导性目录</a>", await admin.GetHtmlAsync("/"));
    }

    [SkippableFact]
    public async Task Unknown_page_answers_404_in_chinese()
    {
        using var anonymous = new AppSession(Factory);
        var response = await anonymous.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Health_and_openapi_documents_answer()
    {
        using var anonymous = new AppSession(Factory);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        var openApi = await anonymous.GetHtmlAsync("/openapi/v1.json");
        Assert.Contains("/api/public/catalog", openApi);
    }

    [SkippableFact]
    public async Task Public_catalog_filters_by_street_and_area_and_pages()
    {
        using var anonymous = new AppSession(Factory);
        var all = await anonymous.Http.GetFromJsonAsync<JsonElement>("/api/public/catalog");
        Assert.True(all.GetProperty("total").GetInt32() >= 8); // seeded published items
        var legal = await anonymous.Http.GetFromJsonAsync<JsonElement>("/api/public/catalog?area=youth");
        Assert.All(legal.GetProperty("items").EnumerateArray(), i => Assert.Equal("youth", i.GetProperty("serviceArea").GetString()));
        Assert.NotEqual(0, legal.GetProperty("total").GetInt32());
        var street = all.GetProperty("items")[0].GetProperty("streetId").GetInt64();
        var oneStreet = await anonymous.Http.GetFromJsonAsync<JsonElement>($"/api/public/catalog?street={street}");
        Assert.All(oneStreet.GetProperty("items").EnumerateArray(), i => Assert.Equal(street, i.GetProperty("streetId").GetInt64()));
        var farPage = await anonymous.Http.GetFromJsonAsync<JsonElement>("/api/public/catalog?page=999");
        Assert.Empty(farPage.GetProperty("items").EnumerateArray());
        Assert.Equal(999, farPage.GetProperty("page").GetInt32());
    }

    [SkippableFact]
    public async Task Public_catalog_page_reads_the_page_number_from_the_query_string()
    {
        // "page" is also the route value naming the Razor page: it must not shadow ?page=.
        using var anonymous = new AppSession(Factory);
        var all = await anonymous.Http.GetFromJsonAsync<JsonElement>("/api/public/catalog");
        var title = all.GetProperty("items")[0].GetProperty("title").GetString()!;
        Assert.Contains(title, await anonymous.GetHtmlAsync("/Catalog"));
        var beyond = await anonymous.GetHtmlAsync("/Catalog?page=999");
        Assert.DoesNotContain(title, beyond);
    }
}

public sealed class CatalogFlowTests_Sqlite(SqliteApp app) : CatalogFlowTests(app), IClassFixture<SqliteApp>;

public sealed class CatalogFlowTests_Postgres(PostgresApp app) : CatalogFlowTests(app), IClassFixture<PostgresApp>;
