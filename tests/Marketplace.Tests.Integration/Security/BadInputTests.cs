using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Tests.Integration.Organizations.OrganizationForms;

namespace Marketplace.Tests.Integration.Security;

/// <summary>The input that answered 500 (or English, or HTML to a JSON client) now gets a Chinese refusal.</summary>
[Collection(SecurityCollection.Name)]
public sealed partial class BadInputTests(SecurityApp app)
{
    private MarketplaceAppFactory Factory => app.Factory;

    [Fact]
    public async Task Published_abc_on_the_negative_entry_form_is_refused_beside_the_checkbox()
    {
        var uscc = await QueryAsync(Factory, db => db.Organizations.Where(o => o.DistrictId == db.Districts.Single(d => d.Name == "江宁区").Id)
            .Select(o => o.Uscc).FirstAsync());
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var page = $"/district/organizations/{uscc}";
        var response = await admin.PostFormAsync(page, new()
        {
            ["Negative.Source"] = "ComplaintUpheld", ["Negative.Reason"] = "测试", ["Negative.StartsOn"] = "2026-01-05", ["Negative.Published"] = "abc",
        }, page + "?handler=Negative");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("只能选择是或否", html);
        Assert.DoesNotContain("is not valid", html);
    }

    [Fact]
    public async Task Empty_service_area_item_on_registration_is_no_choice_not_a_crash()
    {
        using var session = new AppSession(Factory);
        var userName = NewUserName();
        var fields = Registration(NewCode(), userName, "空项测试服务中心", await DistrictIdAsync(Factory, "江宁区"));
        fields.Add(new("Input.ServiceAreaCodes", ""));
        var response = await session.PostFormAsync("/organizations/register", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await ConfirmAsync(Factory, session, MobileOf(fields)); // the directory holds it once confirmed
        var areas = await QueryAsync(Factory, db => db.Organizations.Where(o => o.Name == "空项测试服务中心").Select(o => o.ServiceAreas).SingleAsync());
        Assert.Equal(",elderly,community,", areas); // stored with delimiters at both ends; no empty code between
    }

    [Fact]
    public async Task Empty_service_area_item_on_the_ngo_profile_is_no_choice_not_a_crash()
    {
        var code = NewCode();
        using var ngo = await RegisterAsync(Factory, code, "资料空项测试中心");
        var edit = await ngo.GetHtmlAsync("/ngo/organization/edit");
        var version = VersionField().Match(edit).Groups[1].Value;
        var fields = Registration(code, "-", "资料空项测试中心", await DistrictIdAsync(Factory, "江宁区"))
            .Where(f => f.Key.StartsWith("Input.", StringComparison.Ordinal)).ToList();
        fields.Add(new("Input.ServiceAreaCodes", ""));
        fields.Add(new("Version", version));
        var response = await ngo.PostFormAsync("/ngo/organization/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Two_identical_guiding_entries_added_at_once_make_one_entry_and_no_error_page()
    {
        using var first = await AppSession.LoginAsync(Factory, "admin.jiangning");
        using var second = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var code = "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var area = await QueryAsync(Factory, db => db.ServiceAreas.Select(a => a.Code).FirstAsync());
        Dictionary<string, string> Fields() => new() { ["Input.Code"] = code, ["Input.Name"] = "并发测试条目", ["Input.ServiceAreaCode"] = area };
        var tokens = await Task.WhenAll(first.GetHtmlAsync("/District/Guiding"), second.GetHtmlAsync("/District/Guiding"));
        var responses = await Task.WhenAll(
            Post(first, AppSession.AntiforgeryToken(tokens[0])), Post(second, AppSession.AntiforgeryToken(tokens[1])));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)r.StatusCode}"));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            Assert.Contains("本区目录中已有该编码", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(1, await QueryAsync(Factory, db => db.GuidingCatalogEntries.CountAsync(g => g.Code == code)));

        Task<HttpResponseMessage> Post(AppSession s, string token) => s.Http.PostAsync("/District/Guiding?handler=Add",
            new FormUrlEncodedContent(Fields().Append(new("__RequestVerificationToken", token))));
    }

    [Fact]
    public async Task Upload_over_64_mb_is_refused_in_chinese()
    {
        using var ngo = await RegisterAsync(Factory, NewCode(), "大文件测试中心");
        var response = await UploadAsync(ngo, "big.pdf", new byte[65 * 1024 * 1024]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("文件过大", html);
        Assert.Contains("64 MB", html);
    }

    [Theory]
    [InlineData("/api/public/catalog?street=abc")]
    [InlineData("/api/public/catalog?page=1e309")]
    [InlineData("/api/public/organizations?page=abc")]
    [InlineData("/api/public/budgets?year=abc")]
    [InlineData("/api/public/no-such-list")]
    public async Task Bad_query_on_the_json_api_answers_problem_json(string url)
    {
        using var session = new AppSession(Factory);
        var response = await session.GetAsync(url);
        Assert.True((int)response.StatusCode is 400 or 404, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Matches("\"title\":\"[^\"]*[\u4e00-\u9fff]", body);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ten_kilobytes_of_bad_input_are_not_written_to_the_log()
    {
        var junk = "坏" + new string('x', 10_000);
        var uscc = await QueryAsync(Factory, db => db.Organizations.Where(o => o.DistrictId == db.Districts.Single(d => d.Name == "江宁区").Id)
            .Select(o => o.Uscc).FirstAsync());
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var page = $"/district/organizations/{uscc}";
        await admin.PostFormAsync(page, new() { ["Negative.Source"] = junk, ["Negative.StartsOn"] = junk, ["Negative.Published"] = junk }, page + "?handler=Negative");
        await admin.PostFormAsync("/District/Guiding", new() { ["Input.Code"] = junk, ["Input.Name"] = junk, ["Input.ServiceAreaCode"] = junk }, "/District/Guiding?handler=Add");
        using var anonymous = new AppSession(Factory);
        await anonymous.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = junk, ["Input.Password"] = junk });
        await anonymous.GetAsync("/api/public/catalog?street=" + Uri.EscapeDataString(junk));
        await anonymous.GetAsync("/api/public/organizations?page=" + Uri.EscapeDataString(junk));
        await anonymous.GetAsync("/Catalog?q=" + Uri.EscapeDataString(junk));
        var whole = app.Logs.Lines.Where(l => l.Contains(junk[..2000], StringComparison.Ordinal)).ToList();
        Assert.True(whole.Count == 0, string.Join(Environment.NewLine, whole.Select(l => l[..Math.Min(300, l.Length)])));
    }

    [GeneratedRegex("name=\"Version\"[^>]*value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
