using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Spreadsheet;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Reports;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfText = Marketplace.Tests.Integration.Reports.PdfText;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>
/// SPEC §3.5: a notice defines its own weighted criteria (name, points, what earns them). Five of them go
/// from the street's form through publish, the experts' sheets, the award, the public page, the 中标结果公示
/// PDF and the score workbook; bad lists are refused beside the field with nothing saved.
/// </summary>
public abstract class OwnCriteriaTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Lejia = "52320115MJ5K41253H";
    private const string Renai = "52320115MJ5K526814";

    private static readonly (string Name, string Weight, string Description)[] Five =
    [
        ("服务方案", "30", "方案完整、针对高龄独居老人需求的得25–30分"),
        ("项目团队", "20", "持证社工每名2分，最高20分"),
        ("同类经验", "15", ""),
        ("风险防控", "10", "有应急预案和安全培训记录的得满分"),
        ("资源整合", "5", ""),
    ];

    /// <summary>The notice form with the given criteria rows (no codes: new rows) and price weight.</summary>
    private static Dictionary<string, string> Form(DateTimeOffset now, string title, IReadOnlyList<(string Name, string Weight, string Description)> rows, string price)
    {
        var form = TenderForms.Notice(now, title);
        foreach (var key in form.Keys.Where(k => k.StartsWith("Input.Criteria[", StringComparison.Ordinal)).ToList())
        {
            form.Remove(key);
        }
        for (var k = 0; k < rows.Count; k++)
        {
            form[$"Input.Criteria[{k}].Name"] = rows[k].Name;
            form[$"Input.Criteria[{k}].Weight"] = rows[k].Weight;
            form[$"Input.Criteria[{k}].Description"] = rows[k].Description;
        }
        form["Input.PriceWeight"] = price;
        return form;
    }

    private Task<int> CountAsync(string title) => QueryAsync(db => db.Tenders.CountAsync(t => t.Title == title));

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [SkippableFact]
    public async Task The_public_tender_json_and_its_detail_carry_the_notices_own_criteria()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var item = await TenderForms.PublishedItemAsync(Factory, "东山街道");
        var title = "公开评分标准 " + Guid.NewGuid().ToString("N")[..6];
        var created = await official.PostFormAsync($"/Street/Tenders/Create/{item}", Form(app.Clock.GetUtcNow(), title, Five, "20"));
        await TenderForms.AssertRedirectAsync(created);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        using var anonymous = new AppSession(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/public/tenders/{id}")).StatusCode); // a draft is not public
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{id}", [], $"/Street/Tenders/Details/{id}?handler=Publish"));

        using var list = System.Text.Json.JsonDocument.Parse(await anonymous.GetHtmlAsync("/api/public/tenders"));
        var listed = list.RootElement.EnumerateArray().Single(t => t.GetProperty("title").GetString() == title);
        using var detail = System.Text.Json.JsonDocument.Parse(await anonymous.GetHtmlAsync($"/api/public/tenders/{id}"));
        foreach (var tender in new[] { listed, detail.RootElement })
        {
            var criteria = tender.GetProperty("criteria").EnumerateArray()
                .Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("points").GetDecimal(), c.GetProperty("description").GetString() ?? "", c.GetProperty("isPrice").GetBoolean()))
                .ToList();
            Assert.Equal([.. Five.Select(f => (f.Name, decimal.Parse(f.Weight, CultureInfo.InvariantCulture), f.Description, false)), ("价格", 20m, criteria[^1].Item3, true)], criteria);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/public/tenders/{Guid.NewGuid()}")).StatusCode);
        Assert.Contains("/api/public/tenders/{id}", await anonymous.GetHtmlAsync("/openapi/v1.json"));
    }

    [SkippableFact]
    public async Task A_notice_with_five_own_criteria_is_scored_by_the_panel_awarded_and_exported_with_those_criteria_and_exact_totals()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var now = app.Clock.GetUtcNow();
        var item = await TenderForms.PublishedItemAsync(Factory, "东山街道");
        var title = "自定评分标准 居家养老" + Guid.NewGuid().ToString("N")[..4];

        // 增加评分因素 gives one more empty row and saves nothing.
        var form = Form(now, title, Five[..4], "20");
        form["Input.RowCommand"] = "add";
        var added = await official.PostFormAsync($"/Street/Tenders/Create/{item}", form);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var addedHtml = await added.Content.ReadAsStringAsync();
        Assert.Matches("id=\"cn-4\" name=\"Input.Criteria\\[4\\].Name\" class=", addedHtml); // empty, ready to type in
        Assert.DoesNotContain("Input.Criteria[5]", addedHtml);
        Assert.Contains("name=\"Input.Criteria[3].Name\" value=\"风险防控\"", addedHtml);
        Assert.Equal(0, await CountAsync(title));

        var created = await official.PostFormAsync($"/Street/Tenders/Create/{item}", Form(now, title, Five, "20"));
        await TenderForms.AssertRedirectAsync(created);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        var draft = await official.GetHtmlAsync($"/Street/Tenders/Details/{id}");
        Assert.Contains("持证社工每名2分，最高20分", draft);
        Assert.Contains("name=\"Input.Criteria[4].Name\" value=\"资源整合\"", draft); // the edit form holds the notice's own list
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{id}", [], $"/Street/Tenders/Details/{id}?handler=Publish"));

        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        using var renai = await AppSession.LoginAsync(Factory, "ngo.renai");
        await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(lejia, id, "280000", "每周一次上门探访"));
        await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(renai, id, "250000", "每周两次电话问候"));

        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{id}", [], $"/Street/Tenders/Details/{id}?handler=Close"));
        // Only experts who can sign in sit on this panel: 钱明 has no account.
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var district = await QueryAsync(db => db.Districts.Where(d => d.Name == "江宁区").Select(d => d.Id).SingleAsync());
        var pool = grains.GetGrain<IExpertPoolGrain>(district);
        foreach (var e in (await pool.GetExpertsAsync()).Where(e => e.UserName is null && e.Active))
        {
            await pool.SetActiveAsync(e.Id, false);
        }
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{id}", new() { ["PanelSize"] = "3" }, $"/Street/Tenders/Details/{id}?handler=Panel"));
        var experts = (await grains.GetGrain<ITenderGrain>(id).GetPanelAsync())!.Sitting.Select(m => m.UserName!).ToList();
        Assert.Equal(3, experts.Count);

        var info = (await grains.GetGrain<ITenderGrain>(id).GetInfoAsync())!;
        var codes = info.Notice.Criteria.NonPrice().Select(c => c.Code).ToList();
        Assert.Equal(5, codes.Count);
        decimal[][][] sheets = // expert → applicant (乐家, 仁爱) → the five criteria
        [
            [[27m, 18m, 13m, 9m, 4.5m], [24m, 15m, 11m, 7m, 4m]],
            [[28m, 17m, 14m, 8m, 4m], [25m, 16m, 12m, 8m, 4m]],
            [[26m, 18m, 12m, 9m, 5m], [23m, 14m, 10m, 7m, 3m]],
        ];
        for (var m = 0; m < 3; m++)
        {
            using var expert = await AppSession.LoginAsync(Factory, experts[m]);
            var review = $"/Evaluator/Reviews/Review/{id}";
            await TenderForms.AssertRedirectAsync(await expert.PostFormAsync(review, [], review + "?handler=NoConflict"));
            var sheet = await expert.GetHtmlAsync(review);
            foreach (var (name, weight, _) in Five)
            {
                Assert.Contains($"{name}（0–{weight}分）", sheet); // the scoring sheet is the notice's list
            }
            Assert.Contains("有应急预案和安全培训记录的得满分", sheet);
            foreach (var (uscc, a) in new[] { (Lejia, 0), (Renai, 1) })
            {
                var points = codes.Select((code, c) => new KeyValuePair<string, string>($"Points[{code}]", sheets[m][a][c].ToString(CultureInfo.InvariantCulture)));
                await TenderForms.AssertRedirectAsync(await expert.PostFormAsync(review, points, $"{review}?uscc={uscc}&handler=Score"));
            }
        }

        // 乐家: 250000/280000×20 = 17.86; means 27.00 + 17.67 + 13.00 + 8.67 + 4.50; total 88.70.
        // 仁爱: 20.00; means 24.00 + 15.00 + 11.00 + 7.33 + 3.67; total 81.00.
        var results = await official.GetHtmlAsync($"/Street/Tenders/Details/{id}");
        Assert.Contains("88.70", results);
        Assert.Contains("81.00", results);
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{id}", new() { ["Winner"] = Lejia }, $"/Street/Tenders/Details/{id}?handler=Award"));

        using var anonymous = new AppSession(Factory);
        var page = await anonymous.GetHtmlAsync($"/Tenders/Details/{id}");
        foreach (var (name, _, _) in Five)
        {
            Assert.Contains($"<th class=\"money\">{name}</th>", page);
        }
        foreach (var score in new[] { "17.86", "27.00", "17.67", "8.67", "4.50", "88.70", "7.33", "3.67", "81.00" })
        {
            Assert.Contains($">{score}<", page);
        }

        var pdf = PdfText.All(await (await anonymous.GetAsync($"/Tenders/Details/{id}?handler=AwardPdf")).Content.ReadAsByteArrayAsync());
        Assert.Contains("评分标准（综合评分法）", pdf);
        foreach (var (name, _, _) in Five)
        {
            Assert.Contains(name, pdf);
        }
        Assert.Contains("服务方案30方案完整、针对高龄独居老人需求的得25–30分", pdf);
        Assert.Contains("价格20", pdf);
        Assert.Contains("27.0017.6713.008.674.5017.8688.70", pdf); // 乐家's parts and total, in the notice's order
        Assert.Contains("24.0015.0011.007.333.6720.0081.00", pdf);

        using var xlsx = new MemoryStream(await (await anonymous.GetAsync($"/Tenders/Details/{id}?handler=AwardXlsx")).Content.ReadAsByteArrayAsync());
        var rows = XlsxRead.Rows(xlsx, out _, out var styles);
        Assert.Equal(["排名", "申请单位", "报价（元）", .. Five.Select(f => f.Name), "价格分", "综合得分", "成交/中标"], rows[0].Select(XlsxRead.Text));
        Assert.Equal(["27.00", "17.67", "13.00", "8.67", "4.50", "17.86", "88.70"], rows[1].Skip(3).Take(7).Select(XlsxRead.Text));
        Assert.Equal(["24.00", "15.00", "11.00", "7.33", "3.67", "20.00", "81.00"], rows[2].Skip(3).Take(7).Select(XlsxRead.Text));
        var formats = styles.CellFormats!.Elements<CellFormat>().ToList();
        Assert.All(rows[1].Skip(3).Take(7), c => Assert.Equal((CellValues.Number, 2u), (c.DataType!.Value, formats[(int)c.StyleIndex!.Value].NumberFormatId!.Value)));

        // The street's own export keeps 报名截止's time of day (a date-and-time number format).
        using var export = new MemoryStream(await (await official.GetAsync("/Street/Tenders?handler=Export")).Content.ReadAsByteArrayAsync());
        var exported = XlsxRead.Rows(export, out _, out var exportStyles);
        var deadlineColumn = exported[0].Select(XlsxRead.Text).ToList().IndexOf("报名截止");
        var mine = exported.Single(r => XlsxRead.Text(r[0]) == title);
        var deadline = DateTime.FromOADate(double.Parse(XlsxRead.Text(mine[deadlineColumn]), CultureInfo.InvariantCulture));
        Assert.Equal(info.Notice.Deadline.ToOffset(TimeSpan.FromHours(8)).DateTime, deadline, TimeSpan.FromSeconds(1));
        var numberFormat = exportStyles.CellFormats!.Elements<CellFormat>().ElementAt((int)mine[deadlineColumn].StyleIndex!.Value).NumberFormatId!.Value;
        Assert.Equal("yyyy-mm-dd hh:mm", exportStyles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == numberFormat).FormatCode!.Value);
    }

    [SkippableFact]
    public async Task Bad_criteria_are_refused_in_Chinese_beside_the_field_and_nothing_is_saved()
    {
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        var now = app.Clock.GetUtcNow();
        var item = await TenderForms.PublishedItemAsync(Factory, "东山街道");
        var title = "错误评分标准" + Guid.NewGuid().ToString("N")[..4];

        async Task<string> RefusedAsync(IReadOnlyList<(string, string, string)> rows, string price)
        {
            var response = await official.PostFormAsync($"/Street/Tenders/Create/{item}", Form(now, title, rows, price));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
        static string Beside(string field, string message) => $"data-valmsg-for=\"Input.{field}\" data-valmsg-replace=\"true\">{message}</span>";

        // Weights and price 95 in all: at the head of the criteria table.
        var sum = await RefusedAsync([("服务方案", "45", ""), ("服务团队", "20", "")], "30");
        Assert.Contains(Beside("Criteria", "各评分因素分值合计必须为100分，现为95分"), sum);
        Assert.Contains("name=\"Input.Criteria[1].Weight\" value=\"20\"", sum); // the rows as typed

        var price = await RefusedAsync([("服务方案", "45", ""), ("服务团队", "20", "")], "35");
        Assert.Contains(Beside("PriceWeight", "价格分权重应在10至30分之间，现为35分（财库〔2014〕214号第二十四条：服务项目价格分值为10%至30%）"), price);

        var names = await RefusedAsync([("服务方案", "40", ""), ("", "20", "团队"), ("服务方案", "10", "")], "30");
        Assert.Contains(Beside("Criteria[1].Name", "请填写评分因素名称"), names);
        Assert.Contains(Beside("Criteria[2].Name", "评分因素名称“服务方案”重复，每项名称须不同"), names);

        var unreadable = await RefusedAsync([("服务方案", "四十", ""), ("服务方案", "30", "")], "30");
        Assert.Contains(Beside("Criteria[0].Weight", "请输入0至100之间的分值"), unreadable);
        Assert.Contains(Beside("Criteria[1].Name", "评分因素名称“服务方案”重复，每项名称须不同"), unreadable);

        var none = await RefusedAsync([], "30");
        Assert.Contains("至少设置一项非价格评分因素（如服务方案）", none);
        Assert.Equal(0, await CountAsync(title));

        // 修改公告 of a draft: refused beside the row, the form open with the rows typed; the notice unchanged.
        var id = Guid.Parse((await official.PostFormAsync($"/Street/Tenders/Create/{item}", Form(now, title, Five, "20"))).Headers.Location!.OriginalString.Split('/')[^1]);
        var edit = Form(now, title, [("服务方案", "50", ""), ("服务方案", "20", "")], "30");
        var refused = await (await official.PostFormAsync($"/Street/Tenders/Details/{id}", edit, $"/Street/Tenders/Details/{id}?handler=Update")).Content.ReadAsStringAsync();
        Assert.Contains(Beside("Criteria[1].Name", "评分因素名称“服务方案”重复，每项名称须不同"), refused);
        Assert.Contains("<details class=\"mb-3\" open=\"open\">", refused);
        var stored = (await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id).GetInfoAsync())!;
        Assert.Equal(Five.Select(f => f.Name).Append("价格"), stored.Notice.Criteria.Select(c => c.Name));

        // 删除 a row of the edit form: the form again, open, without that row; nothing saved.
        edit = Form(now, title, Five, "20");
        edit["Input.RowCommand"] = "remove:1";
        var removed = await (await official.PostFormAsync($"/Street/Tenders/Details/{id}", edit, $"/Street/Tenders/Details/{id}?handler=Update")).Content.ReadAsStringAsync();
        Assert.Contains("name=\"Input.Criteria[1].Name\" value=\"同类经验\"", removed);
        Assert.DoesNotContain("value=\"项目团队\"", removed);
        Assert.Equal(6, (await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id).GetInfoAsync())!.Notice.Criteria.Length);
    }
}

public sealed class OwnCriteriaTests_Sqlite(SqliteTenderApp app) : OwnCriteriaTests(app), IClassFixture<SqliteTenderApp>;

public sealed class OwnCriteriaTests_Postgres(PostgresTenderApp app) : OwnCriteriaTests(app), IClassFixture<PostgresTenderApp>;
