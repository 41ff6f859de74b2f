using System.Globalization;
using System.Text.Json;
using Marketplace.Reports.Excel;
using Marketplace.Tests.Integration.Reports;
using Marketplace.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Contracts;

/// <summary>On first run the whole contract flow shows: a contract in each state, for the street, the district, the evaluator and the public.</summary>
public abstract class DemoContractsTests(AppFixture app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Signed = "秣陵街道困境儿童关爱服务项目";
    private const string MidTerm = "秣陵街道高龄独居老人居家探访服务";
    private const string Rectifying = "秣陵街道社区矫正对象社会融入服务";
    private const string Excellent = "秣陵街道社区睦邻互助点运营服务";

    [SkippableFact]
    public async Task Demo_contracts_are_in_each_state_and_every_role_sees_them()
    {
        var rows = await QueryAsync(db => db.Contracts.AsNoTracking().ToDictionaryAsync(c => c.Title, c => new { c.Id, c.Status, c.FinalGrade, c.StreetId }));
        Assert.Equal(ContractStatus.Signed, rows[Signed].Status);
        Assert.Equal(ContractStatus.MidTermEvaluated, rows[MidTerm].Status);
        // The final evaluation failed once and its 整改 re-evaluation is open: 整改中, not where the mid-term left it.
        Assert.Equal(ContractStatus.Rectifying, rows[Rectifying].Status);
        var rectifying = (await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(rows[Rectifying].Id).GetAsync())!;
        Assert.Equal(EvaluationGrade.Fail, rectifying.Evaluations.Single(e => e.TrancheNo == 3 && e.Round == 1).Grade);
        Assert.Equal((2, false), (rectifying.EvaluationOf(3)!.Round, rectifying.EvaluationOf(3)!.Decided));
        Assert.Equal((ContractStatus.Closed, EvaluationGrade.Excellent), (rows[Excellent].Status, rows[Excellent].FinalGrade!.Value));

        using var anonymous = new AppSession(Factory);
        var json = JsonDocument.Parse(await anonymous.Http.GetStringAsync($"/api/public/contracts?street={rows[Signed].StreetId}"));
        string[] Statuses(string title) => [.. json.RootElement.EnumerateArray().Single(c => c.GetProperty("contractId").GetGuid() == rows[title].Id)
            .GetProperty("tranches").EnumerateArray().Select(t => t.GetProperty("status").GetString()!)];
        Assert.Equal(["planned", "planned", "planned"], Statuses(Signed));
        Assert.Equal(["paid", "paid", "planned"], Statuses(MidTerm));
        Assert.Equal(["paid", "paid", "held"], Statuses(Rectifying));
        Assert.Equal("整改中", json.RootElement.EnumerateArray().Single(c => c.GetProperty("contractId").GetGuid() == rows[Rectifying].Id).GetProperty("status").GetString());
        Assert.Matches($"{Rectifying}[\\s\\S]*?整改中", await anonymous.GetHtmlAsync("/Contracts"));
        Assert.Equal(["paid", "paid", "paid"], Statuses(Excellent));

        using var street = await AppSession.LoginAsync(Factory, "moling");
        var list = await street.GetHtmlAsync("/Street/Contracts");
        Assert.All(new[] { Signed, MidTerm, Rectifying, Excellent }, t => Assert.Contains(t, list));
        // One colour per stage, as the purchases have: signed is open, under evaluation is review, closed is done.
        Assert.Contains("<span class=\"badge stage-open\">已签订</span>", list);
        Assert.Contains("<span class=\"badge stage-review\">已中期评估</span>", list);
        Assert.Contains("<span class=\"badge stage-done\">已结项</span>", list);
        Assert.Contains("<span class=\"badge stage-review\">整改中</span>", list);
        var rectifyingPage = await street.GetHtmlAsync($"/Street/Contracts/Details/{rows[Rectifying].Id}");
        Assert.Contains("（整改）", rectifyingPage);
        Assert.Contains("<span class=\"badge stage-review\">整改中</span>", rectifyingPage);
        using var agency = await AppSession.LoginAsync(Factory, "pinggu.hengxin");
        Assert.Contains(Rectifying, await agency.GetHtmlAsync("/Evaluator/Evaluations"));
        using var expert = await AppSession.LoginAsync(Factory, "pinggu.wu");
        Assert.Contains(MidTerm, await expert.GetHtmlAsync("/Evaluator/Evaluations"));
        using var ngo = await AppSession.LoginAsync(Factory, "ngo.lejia");
        Assert.Matches($"{Rectifying}[\\s\\S]*?整改中", await ngo.GetHtmlAsync("/Ngo/Contracts"));
        using var district = await AppSession.LoginAsync(Factory, "admin.jiangning");
        Assert.Matches($"{Rectifying}</a></td>[\\s\\S]*?<td>整改中</td>", await district.GetHtmlAsync("/District/Contracts"));
    }

    [SkippableFact]
    public async Task District_workbooks_and_the_documents_show_the_figures_of_the_pages()
    {
        var rows = await QueryAsync(db => db.Contracts.AsNoTracking().ToDictionaryAsync(c => c.Title, c => c.Id));
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var page = await admin.GetHtmlAsync("/District/Contracts");
        var xlsx = await (await admin.GetAsync("/District/Contracts?handler=ContractsXlsx")).Content.ReadAsByteArrayAsync();
        var lines = XlsxReader.Read(new MemoryStream(xlsx), 1_000).Select(r => r.Cells).Skip(1).ToList();
        // 睦邻互助点: 150,000.00 contracted and all of it paid, 优秀; the page shows the same row.
        var excellent = lines.Single(l => l[0] == Excellent);
        Assert.Equal((150_000m, 150_000m, "已结项", "优秀"), (decimal.Parse(excellent[4], CultureInfo.InvariantCulture),
            decimal.Parse(excellent[5], CultureInfo.InvariantCulture), excellent[8], excellent[9]));
        Assert.Matches($@"{Excellent}</a></td>\s*<td>秣陵街道</td>\s*<td>[^<]+</td>\s*<td>¥150,000.00</td>\s*<td>¥150,000.00</td>\s*<td>已结项</td>\s*<td>优秀</td>", page);
        var evaluations = XlsxReader.Read(new MemoryStream(await (await admin.GetAsync("/District/Contracts?handler=EvaluationsXlsx")).Content.ReadAsByteArrayAsync()), 1_000)
            .Select(r => r.Cells).Skip(1).ToList();
        var midTerm = evaluations.Single(l => l[0] == MidTerm && l[2] == "2");
        Assert.Equal(("88.70", "良好"), (midTerm[5], midTerm[6]));
        Assert.Contains("<td>88.70</td><td>良好</td>", page);

        using var street = await AppSession.LoginAsync(Factory, "moling");
        var details = $"/Street/Contracts/Details/{rows[MidTerm]}";
        var evaluation = PdfText.All(await (await street.GetAsync(details + "?handler=EvaluationPdf&no=2&round=1")).Content.ReadAsByteArrayAsync());
        Assert.Contains("综合得分 88.70 分，评估等级：良好", evaluation);
        // 服务完成度 as reconciled: 100 of 100 visits and 15 of 15 activities due at mid-term (half the contract).
        Assert.Contains("服务完成度：100.00%", evaluation);
        Assert.Contains("上门探访个案服务 100/100", evaluation);
        var rectifying = $"/Street/Contracts/Details/{rows[Rectifying]}?handler=EvaluationPdf&no=3&round=1";
        // Final: (24 × ¥3,000 + 10 × ¥4,000) of (40 × ¥3,000 + 20 × ¥4,000) = 56.00%.
        Assert.Contains("服务完成度：56.00%", PdfText.All(await (await street.GetAsync(rectifying)).Content.ReadAsByteArrayAsync()));
        var notice = PdfText.All(await (await street.GetAsync(details + "?handler=PaymentPdf&no=2")).Content.ReadAsByteArrayAsync());
        // 180,000 × 30% = 54,000.00 to 启明's account, reference HT…-2.
        Assert.Contains("¥54,000.00", notice);
        Assert.Contains("人民币伍万肆仟元整", notice);
        Assert.Contains("4880581234567890", notice);
        Assert.Contains($"付款参考号：{Marketplace.Contracts.ContractNumbers.PaymentReference(rows[MidTerm], 2)}", notice);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await street.GetAsync(details + "?handler=PaymentPdf&no=3")).StatusCode); // not paid yet
        using var other = await AppSession.LoginAsync(Factory, "dongshan");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.GetAsync(details + "?handler=PaymentPdf&no=2")).StatusCode);
    }

    [SkippableFact]
    public async Task The_directory_and_the_public_json_show_stars_and_the_priority_of_an_excellent_final_grade()
    {
        const string Renai = "52320115MJ5K526814", Lejia = "52320115MJ5K41253H";
        using var anonymous = new AppSession(Factory);
        var json = JsonDocument.Parse(await anonymous.Http.GetStringAsync("/api/public/organizations?district=江宁区&q=江宁区"));
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("uscc").GetString()!);
        // 仁爱's only final grade is 优秀 (5 points): five stars and priority. 乐家's final is still in 整改: no final grade yet.
        Assert.Equal((5, true), (items[Renai].GetProperty("stars").GetInt32(), items[Renai].GetProperty("excellentPriority").GetBoolean()));
        Assert.Equal((JsonValueKind.Null, false), (items[Lejia].GetProperty("stars").ValueKind, items[Lejia].GetProperty("excellentPriority").GetBoolean()));

        var directory = await anonymous.GetHtmlAsync("/Organizations?q=" + Uri.EscapeDataString("仁爱"));
        Assert.Contains("data-stars=\"5\">★★★★★</span>", directory);
        Assert.Contains("优秀·优先", directory);
        Assert.Contains("★★★★★（5星，依据最近三次末期评估等级）", await anonymous.GetHtmlAsync($"/organizations/{Renai}"));
        Assert.Contains("暂无末期评估", await anonymous.GetHtmlAsync($"/organizations/{Lejia}"));
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class DemoContractsTests_Sqlite(SqliteApp app) : DemoContractsTests(app), IClassFixture<SqliteApp>;

public sealed class DemoContractsTests_Postgres(PostgresApp app) : DemoContractsTests(app), IClassFixture<PostgresApp>;
