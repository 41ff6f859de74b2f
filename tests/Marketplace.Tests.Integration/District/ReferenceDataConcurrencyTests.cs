using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.District;

/// <summary>
/// Reference data written by pages without a grain carries a version: two forms opened at the same time and
/// both saved — the second is refused with 「该记录已被他人修改，请刷新后再改」 at the top and changes nothing,
/// so the first save is not lost.
/// </summary>
public abstract partial class ReferenceDataConcurrencyTests(AppFixture app)
{
    private const string Stale = "该记录已被他人修改，请刷新后再改";

    private MarketplaceAppFactory Factory => app.Require();

    [SkippableFact]
    public async Task A_budget_policy_saved_over_a_newer_one_is_refused_and_the_first_save_stays()
    {
        using var first = await AppSession.LoginAsync(Factory, "admin.zhenhai");
        using var second = await AppSession.LoginAsync(Factory, "admin.zhenhai");
        var formA = await first.GetHtmlAsync("/District/Budgets/Policy");
        var formB = await second.GetHtmlAsync("/District/Budgets/Policy");

        var saved = await PostAsync(first, "/District/Budgets/Policy", formA, Policy(formA, "2,600,000.00", welfareOnly: false));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stale = await PostAsync(second, "/District/Budgets/Policy", formB, Policy(formB, "3,100,000.00", welfareOnly: true));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Matches(TopError(), await stale.Content.ReadAsStringAsync());
        await using var db = await Db();
        var district = await db.Districts.Where(d => d.Name == "镇海区").Select(d => d.Id).SingleAsync();
        Assert.Equal(Money.FromYuan(2_600_000m), (await db.DistrictBudgetPolicies.SingleAsync(p => p.DistrictId == district)).Floor);
        Assert.False((await db.FundingSourceRules.SingleAsync(r => r.DistrictId == district && r.Source == FundingSource.WelfareLottery)).PublicWelfareOnly);

        // Read again, the form carries the new version and saves.
        var fresh = await second.GetHtmlAsync("/District/Budgets/Policy");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, "/District/Budgets/Policy", fresh, Policy(fresh, "3,100,000.00", welfareOnly: true))).StatusCode);
    }

    [SkippableFact]
    public async Task A_guiding_entry_toggled_from_a_stale_list_is_refused_and_stays_as_the_first_left_it()
    {
        using var first = await AppSession.LoginAsync(Factory, "admin.jiangning");
        using var second = await AppSession.LoginAsync(Factory, "admin.jiangning");
        long id;
        await using (var db = await Db())
        {
            id = await db.GuidingCatalogEntries.Where(g => g.Code == "A0601" && db.Districts.Any(d => d.Id == g.DistrictId && d.Name == "江宁区"))
                .Select(g => g.Id).SingleAsync();
        }
        var listA = await first.GetHtmlAsync("/District/Guiding");
        var listB = await second.GetHtmlAsync("/District/Guiding");
        var action = $"/District/Guiding?handler=Toggle&id={id}";

        // Both press 停用; without versions the second press would have restored the entry.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, action, listA, [new("version", ToggleVersion(listA, id))])).StatusCode);
        var stale = await PostAsync(second, action, listB, [new("version", ToggleVersion(listB, id))]);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Matches(TopError(), await stale.Content.ReadAsStringAsync());
        await using var check = await Db();
        Assert.False((await check.GuidingCatalogEntries.AsNoTracking().SingleAsync(g => g.Id == id)).Active);
    }

    private async Task<AppDbContext> Db() =>
        await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>Posts what a browser holding <paramref name="form"/> would post (its token, its hidden version).</summary>
    private static Task<HttpResponseMessage> PostAsync(AppSession who, string action, string form, IEnumerable<KeyValuePair<string, string>> fields) =>
        who.Http.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", AppSession.AntiforgeryToken(form)))));

    private static List<KeyValuePair<string, string>> Policy(string form, string floor, bool welfareOnly)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Input.Floor", floor), new("Input.Version", HiddenVersion().Match(form).Groups[1].Value) };
        var sources = new[] { (FundingSource.Fiscal, false), (FundingSource.WelfareLottery, welfareOnly), (FundingSource.StreetNgoFund, false), (FundingSource.SocialCapital, false) };
        for (var i = 0; i < sources.Length; i++)
        {
            fields.Add(new($"Input.Sources[{i}].Source", sources[i].Item1.ToString()));
            fields.Add(new($"Input.Sources[{i}].Enabled", "true"));
            fields.Add(new($"Input.Sources[{i}].PublicWelfareOnly", sources[i].Item2 ? "true" : "false"));
        }
        return fields;
    }

    private static string ToggleVersion(string list, long id) =>
        ToggleForm().Matches(list).FirstOrDefault(m => Regex.IsMatch(WebUtility.HtmlDecode(m.Groups[1].Value), $"[?&]id={id}(&|$)"))?.Groups[2].Value
            ?? throw new InvalidOperationException("No version on the toggle form.");

    [GeneratedRegex("<form[^>]*action=\"([^\"]*handler=Toggle[^\"]*)\"[^>]*>\\s*<input type=\"hidden\" name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex ToggleForm();

    [GeneratedRegex("id=\"Input_Version\"[^>]*value=\"(\\d+)\"|value=\"(\\d+)\"[^>]*id=\"Input_Version\"")]
    private static partial Regex HiddenVersion();

    [GeneratedRegex("validation-summary-errors[^>]*>\\s*<ul>\\s*<li>该记录已被他人修改，请刷新后再改</li>")]
    private static partial Regex TopError();
}

public sealed class ReferenceDataConcurrencyTests_Sqlite(SqliteApp app) : ReferenceDataConcurrencyTests(app), IClassFixture<SqliteApp>;

public sealed class ReferenceDataConcurrencyTests_Postgres(PostgresApp app) : ReferenceDataConcurrencyTests(app), IClassFixture<PostgresApp>;
