using Marketplace.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Contracts;

/// <summary>合同管理设置 through the district admin's page: refusals beside their fields, nothing saved; saved settings are the district's.</summary>
public abstract class ContractSettingsPageTests(AppFixture app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private static Dictionary<string, string> Form(string selfWeight, string rectification) => new()
    {
        ["Shares[0]"] = "40", ["Shares[1]"] = "", ["Shares[2]"] = "60",
        ["Weights[0]"] = selfWeight, ["Weights[1]"] = "10", ["Weights[2]"] = "30", ["Weights[3]"] = "50",
        ["Indicators[0]"] = "服务完成度 40\n服务质量 60", ["Indicators[1]"] = "服务质量 100", ["Indicators[2]"] = "满意度 100",
        ["Indicators[3]"] = "服务完成度 50\n服务质量 30\n档案管理 20",
        ["RectificationDays"] = rectification, ["ReminderDays"] = "10", ["Version"] = "0",
    };

    [SkippableFact]
    public async Task The_district_admin_saves_settings_and_a_refusal_shows_beside_its_field_with_nothing_saved()
    {
        using var admin = await AppSession.LoginAsync(Factory, "admin.wuxing"); // a district no other test changes
        var refused = await admin.PostFormAsync("/District/Contracts/Settings", Form("20", "0"));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("各评估主体权重之和应为100，现为 110", html);
        Assert.Contains("整改期限应为1至180天", html);
        var bad = Form("十", "30");
        bad["Indicators[1]"] = "";
        var notNumber = await admin.PostFormAsync("/District/Contracts/Settings", bad);
        var notNumberHtml = await notNumber.Content.ReadAsStringAsync();
        Assert.Contains("请填写权重（数字）", notNumberHtml);
        Assert.Contains("请至少填写一项指标", notNumberHtml);
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var wuxing = await QueryDistrictAsync("吴兴区");
        Assert.Equal(0, (await grains.GetGrain<IDistrictContractSettingsGrain>(wuxing).GetAsync()).Version);

        await TenderForms.AssertRedirectAsync(await admin.PostFormAsync("/District/Contracts/Settings", Form("10", "20")));
        var saved = (await grains.GetGrain<IDistrictContractSettingsGrain>(wuxing).GetAsync()).Settings;
        Assert.Equal([(TrancheGate.Signing, 40m), (TrancheGate.Final, 60m)], saved.Schedule.Select(p => (p.Gate, p.SharePercent)));
        Assert.Equal((20, 10), (saved.RectificationDays, saved.ReminderDays));
        Assert.Equal(["completion", "quality", "archives"], saved.Sheets.Single(s => s.Source == EvaluationSource.ThirdParty).Indicators.Select(i => i.Code));
        var page = await admin.GetHtmlAsync("/District/Contracts/Settings");
        Assert.Contains("服务完成度 50&#xA;服务质量 30&#xA;档案管理 20", page); // one indicator a line (newlines encoded)

        using var other = await AppSession.LoginAsync(Factory, "admin.jiangning");
        Assert.Contains("服务完成度 30", await other.GetHtmlAsync("/District/Contracts/Settings")); // 江宁区 keeps the defaults
    }

    private async Task<long> QueryDistrictAsync(string name)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Marketplace.Web.Data.AppDbContext>();
        return db.Districts.Where(d => d.Name == name).Select(d => d.Id).Single();
    }
}

public sealed class ContractSettingsPageTests_Sqlite(SqliteApp app) : ContractSettingsPageTests(app), IClassFixture<SqliteApp>;

public sealed class ContractSettingsPageTests_Postgres(PostgresApp app) : ContractSettingsPageTests(app), IClassFixture<PostgresApp>;
