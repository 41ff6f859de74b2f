using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Organizations;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Contracts;

/// <summary>
/// Issue 12 item 3 and its authorization tests, on the pages: progress reports with attachments (chosen from the
/// organization's documents or uploaded, as for applications, ADR 0012) read by the contract's street, its district
/// and the assigned evaluators only; and the district's 互评 assignment refusing a competitor with the reason shown.
/// </summary>
public abstract partial class ContractDeliveryPageTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Yilin = "52320115MJ5K06310Y"; // 益邻 (login yilin): assigned as 互评, another organization all the same
    private const string Lejia = "52320115MJ5K41253H"; // 乐家 (ngo.lejia): applied for the same purchase

    private static readonly byte[] NotAFile = [.. "MZ\u0090\0这不是PDF"u8];

    private static string NgoPage(Guid id) => $"/Ngo/Contracts/Details/{id}";

    [SkippableFact]
    public async Task Report_attachments_are_read_by_the_street_district_and_assigned_evaluators_and_another_organization_gets_404()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (id, _) = await ContractFlow.SignedAsync(Factory, app.Clock, "报告附件测试 居家养老上门服务");
        var contract = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(id);
        Assert.True((await contract.AssignAsync((await contract.GetAsync())!.DistrictId, [Yilin], ["pinggu.hengxin"], "admin.jiangning")).Succeeded);

        using var qiming = await AppSession.LoginAsync(Factory, "ngo.qiming");
        var stored = $"服务台账{tag}.pdf";
        var uploaded = $"活动照片{tag}.png";
        Assert.Equal(HttpStatusCode.Redirect, (await OrganizationForms.UploadAsync(qiming, stored, OrganizationForms.Pdf, "Other")).StatusCode);
        var document = await OrganizationForms.QueryAsync(Factory, db => db.OrganizationDocuments.SingleAsync(d => d.OriginalName == stored));
        var before = OrganizationForms.UploadedFiles(Factory, ContractFlow.Qiming);

        // A file that is no PDF/JPG/PNG by its content: refused beside the upload field; the good one does not stay either.
        var bad = await FileReportAsync(qiming, id, "上半年上门服务300人次", [document.Id], [($"台账{tag}.pdf", OrganizationForms.Pdf), ($"伪装{tag}.pdf", NotAFile)]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Matches($"data-valmsg-for=\"Uploads\"[^>]*>伪装{tag}.pdf：只接受 PDF、JPG、PNG 格式的文件", await bad.Content.ReadAsStringAsync());
        // Good files, but the contract refuses the report (no summary): the files it wrote go with it.
        var refused = await FileReportAsync(qiming, id, "", [document.Id], [(uploaded, Png)]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写服务情况", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, OrganizationForms.UploadedFiles(Factory, ContractFlow.Qiming));
        Assert.Empty((await contract.GetAsync())!.Reports);

        await TenderForms.AssertRedirectAsync(await FileReportAsync(qiming, id, "上半年上门服务300人次，开展健康讲座10场", [document.Id], [(uploaded, Png)]));
        var report = Assert.Single((await contract.GetAsync())!.Reports);
        Assert.Equal(new[] { stored, uploaded }, report.Attachments.Select(a => a.Name));
        var own = await qiming.GetHtmlAsync(NgoPage(id));
        var links = Links(own, id);
        Assert.Equal(2, links.Count);

        // The organization itself, the contract's street, its district and the assigned evaluator list and download them.
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        using var hengxin = await AppSession.LoginAsync(Factory, "pinggu.hengxin");
        foreach (var (who, page) in new[] { (qiming, NgoPage(id)), (official, $"/Street/Contracts/Details/{id}"), (admin, $"/District/Contracts/{id}"),
                     (hengxin, $"/Evaluator/Evaluations/{id}") })
        {
            var html = await who.GetHtmlAsync(page);
            Assert.Contains(stored, html);
            Assert.Equal(links, Links(html, id));
            foreach (var link in links)
            {
                var response = await who.GetAsync(link);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            }
        }
        Assert.Equal(Png, await (await official.GetAsync(links[1])).Content.ReadAsByteArrayAsync());

        // Another organization (the 互评 peer included), another street, an unassigned evaluator: 404; anonymous: the login.
        using var lejia = await AppSession.LoginAsync(Factory, "ngo.lejia");
        using var yilin = await AppSession.LoginAsync(Factory, "yilin");
        using var moling = await AppSession.LoginAsync(Factory, "moling");
        using var wu = await AppSession.LoginAsync(Factory, "pinggu.wu");
        foreach (var who in new[] { lejia, yilin, moling, wu })
        {
            foreach (var link in links)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await who.GetAsync(link)).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.NotFound, (await lejia.GetAsync(NgoPage(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await moling.GetAsync($"/Street/Contracts/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wu.GetAsync($"/Evaluator/Evaluations/{id}")).StatusCode);
        Assert.DoesNotContain(tag, await yilin.GetHtmlAsync($"/Ngo/Contracts/Peer/{id}"));
        using var anonymous = new AppSession(Factory);
        var login = await anonymous.GetAsync(links[0]);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("/Account/Login", login.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);

        // Public pages and JSON never show a report or its files.
        foreach (var url in new[] { $"/Contracts/{id}", "/Contracts", "/api/public/contracts" })
        {
            var body = await anonymous.GetHtmlAsync(url);
            Assert.DoesNotContain(tag, body);
            Assert.DoesNotContain("/contract-attachments/", body);
        }
    }

    [SkippableFact]
    public async Task A_competitor_or_the_contractor_assigned_as_peer_is_refused_on_the_district_page_and_nothing_is_saved()
    {
        var (id, _) = await ContractFlow.SignedAsync(Factory, app.Clock, "互评指定测试 居家养老上门服务");
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var page = $"/District/Contracts/{id}";
        foreach (var peer in new[] { Lejia, ContractFlow.Qiming })
        {
            var response = await admin.PostFormAsync(page, new() { ["Peers"] = peer, ["Evaluators"] = "pinggu.hengxin" }, page + "?handler=Assign");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Matches($"data-valmsg-for=\"Peers\"[^>]*>{peer} 参与了同一采购项目的竞争，不能担任互评单位", await response.Content.ReadAsStringAsync());
        }
        var state = (await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(id).GetAsync())!;
        Assert.Empty(state.PeerUsccs);
        Assert.Empty(state.Evaluators);
        Assert.DoesNotContain(state.Notifications, n => n.Recipient == "org:" + Lejia);
    }

    /// <summary>A one-pixel PNG: an image by its content, as a photo of an activity would be.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static List<string> Links(string html, Guid id) =>
        [.. AttachmentLink().Matches(html).Select(m => m.Value).Where(l => l.Contains(id.ToString(), StringComparison.Ordinal)).Distinct()];

    [GeneratedRegex("/contract-attachments/[0-9a-f-]{36}/[0-9a-f-]{36}")]
    private static partial Regex AttachmentLink();

    /// <summary>The report form of the mid-term tranche as a browser sends it with files: multipart, with the page's token.</summary>
    private static async Task<HttpResponseMessage> FileReportAsync(AppSession ngo, Guid id, string summary, IEnumerable<Guid> fromDocuments,
        IEnumerable<(string Name, byte[] Bytes)> files)
    {
        var token = AppSession.AntiforgeryToken(await ngo.GetHtmlAsync(NgoPage(id)));
        using var content = new MultipartFormDataContent();
        IEnumerable<KeyValuePair<string, string>> fields =
        [
            new("__RequestVerificationToken", token), new("TrancheNo", "2"), new("PeopleServed", "300"), new("Activities", "10"), new("Summary", summary),
            new("Scores[completion]", "27"), new("Scores[quality]", "26"), new("Scores[satisfaction]", "18"), new("Scores[finance]", "9"),
            new("Scores[archives]", "9"), .. fromDocuments.Select(d => new KeyValuePair<string, string>("FromDocuments", d.ToString())),
        ];
        foreach (var (k, v) in fields)
        {
            content.Add(new StringContent(v), k);
        }
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "Uploads", name);
        }
        return await ngo.Http.PostAsync(NgoPage(id) + "?handler=Report", content);
    }
}

public sealed class ContractDeliveryPageTests_Sqlite(SqliteTenderApp app) : ContractDeliveryPageTests(app), IClassFixture<SqliteTenderApp>;

public sealed class ContractDeliveryPageTests_Postgres(PostgresTenderApp app) : ContractDeliveryPageTests(app), IClassFixture<PostgresTenderApp>;
