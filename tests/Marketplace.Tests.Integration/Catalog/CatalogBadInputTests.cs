using System.Net;
using Marketplace.Tests.Integration.Infrastructure;

namespace Marketplace.Tests.Integration.Catalog;

/// <summary>Bad input gets a Chinese message beside the field, the form back, HTTP 200, and nothing saved.</summary>
public abstract class CatalogBadInputTests(AppFixture app)
{
    private MarketplaceAppFactory Factory => app.Require();

    [SkippableTheory]
    [InlineData("-1", "金额不能为负数")]
    [InlineData("1e309", "金额格式不正确")]
    [InlineData("abc", "金额格式不正确")]
    [InlineData("100.123", "最多保留两位小数")]
    [InlineData("1000000000000.01", "超出允许范围")]
    [InlineData("", "请输入金额")]
    [InlineData("0", "必须大于 0")]
    public async Task Bad_reference_budget_is_refused_beside_the_field(string budget, string message)
    {
        await AssertRefusedAsync(CatalogForms.Item(CatalogForms.Unique("预算"), budget: budget), "Input.ReferenceBudget", message);
    }

    [SkippableFact]
    public async Task Empty_title_is_refused() =>
        await AssertRefusedAsync(CatalogForms.Item(""), "Input.Title", "请填写服务事项");

    [SkippableFact]
    public async Task Oversized_title_is_refused() =>
        await AssertRefusedAsync(CatalogForms.Item(new string('长', 101)), "Input.Title", "不能超过 100 个字");

    [SkippableFact]
    public async Task Works_are_refused_by_the_negative_list() =>
        await AssertRefusedAsync(CatalogForms.Item(CatalogForms.Unique("改造"), nature: "Works"), "Input.Nature", "第102号第十条");

    [SkippableFact]
    public async Task Labour_dispatch_hidden_in_the_text_is_refused() =>
        await AssertRefusedAsync(
            CatalogForms.Item(CatalogForms.Unique("人员"), content: "通过劳务派遣方式为街道补充窗口人员"),
            "Input.Nature", "劳务派遣");

    [SkippableFact]
    public async Task Item_outside_the_guiding_catalogue_is_refused() =>
        await AssertRefusedAsync(CatalogForms.Item(CatalogForms.Unique("目录外"), guiding: "Z9999"), "Input.GuidingEntryCode", "不在本区");

    [SkippableFact]
    public async Task Unknown_provider_type_is_refused_without_error_page() =>
        await AssertRefusedAsync(CatalogForms.Item(CatalogForms.Unique("主体"), providers: "Spaceship"), "Input.ProviderTypes", "承接主体");

    [SkippableFact]
    public async Task Script_in_text_is_shown_escaped()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var title = "<script>alert(1)</script>" + CatalogForms.Unique("助老");
        var (id, version) = await CatalogForms.CreateAsync(official, title);
        await CatalogForms.PublishAsync(official, id, version);
        using var anonymous = new AppSession(Factory);
        var html = await anonymous.GetHtmlAsync($"/Catalog/Details/{id}");
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    private async Task AssertRefusedAsync(List<KeyValuePair<string, string>> form, string field, string message)
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var before = await CatalogForms.CountAsync(Factory);
        var response = await official.PostFormAsync("/Street/Catalog/Edit", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = System.Text.RegularExpressions.Regex.Match(html,
            $"<span class=\"field-validation-error\" data-valmsg-for=\"{System.Text.RegularExpressions.Regex.Escape(field)}\"[^>]*>([^<]*)</span>");
        Assert.True(span.Success, $"no message beside {field}");
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(span.Groups[1].Value));
        // The form comes back with what was typed.
        var title = form.First(f => f.Key == "Input.Title").Value;
        if (title.Length > 0)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(title), html);
        }
        Assert.Equal(before, await CatalogForms.CountAsync(Factory));
    }
}

public sealed class CatalogBadInputTests_Sqlite(SqliteApp app) : CatalogBadInputTests(app), IClassFixture<SqliteApp>;

public sealed class CatalogBadInputTests_Postgres(PostgresApp app) : CatalogBadInputTests(app), IClassFixture<PostgresApp>;
