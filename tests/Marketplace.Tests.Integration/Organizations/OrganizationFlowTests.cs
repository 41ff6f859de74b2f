using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Integration.Organizations.OrganizationForms;

namespace Marketplace.Tests.Integration.Organizations;

/// <summary>NGO onboarding and the district directory end to end, over HTTP, on each database.</summary>
public abstract class OrganizationFlowTests(AppFixture app)
{
    private MarketplaceAppFactory Factory
    {
        get
        {
            Skip.If(app.SkipReason is not null, app.SkipReason);
            return app.Factory;
        }
    }

    private static async Task<JsonElement> PublicAsync(AppSession session, string query) =>
        await session.Http.GetFromJsonAsync<JsonElement>("/api/public/organizations?" + query);

    [SkippableFact]
    public async Task Registration_then_admission_appears_in_public_json()
    {
        var code = NewCode();
        var name = "江宁区测试社会工作服务中心" + code[^4..];
        using var ngo = await RegisterAsync(Factory, code.ToLowerInvariant(), name);
        Assert.Contains("入库申请审核中", await ngo.GetHtmlAsync("/ngo/organization"));

        using var anonymous = new AppSession(Factory);
        Assert.Equal(0, (await PublicAsync(anonymous, "q=" + Uri.EscapeDataString(name))).GetProperty("total").GetInt32());

        // The new account is an NGO bound to the normalised (upper-case) code.
        var user = await QueryAsync(Factory, db => db.Users.AsNoTracking().SingleAsync(u => u.OrganizationUscc == code));
        Assert.NotNull(user);

        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        Assert.Contains(name, await admin.GetHtmlAsync("/district/organizations?status=Applying"));
        var admitted = await ChangeStatusAsync(admin, code, DirectoryStatus.Admitted, "材料齐全");
        Assert.Equal(HttpStatusCode.Redirect, admitted.StatusCode);

        var json = await PublicAsync(anonymous, "district=江宁区&area=elderly&q=" + Uri.EscapeDataString(name));
        var item = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal(code, item.GetProperty("uscc").GetString());
        Assert.Equal("社工机构", item.GetProperty("type").GetString());
        Assert.Equal(4, item.GetProperty("certifiedSocialWorkers").GetInt32());
        Assert.False(item.GetProperty("incubated").GetBoolean());
        Assert.Equal(new[] { "养老助残", "社区治理" }, item.GetProperty("serviceAreas").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Contains(name, await anonymous.GetHtmlAsync("/organizations?q=" + Uri.EscapeDataString(name)));
        Assert.Contains("已入库", await ngo.GetHtmlAsync("/ngo/organization"));
    }

    [SkippableFact]
    public async Task Suspended_organization_disappears_from_public_list_and_fails_eligibility()
    {
        var code = NewCode();
        var name = "暂停测试中心" + code[^4..];
        using var ngo = await RegisterAsync(Factory, code, name);
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        await ChangeStatusAsync(admin, code, DirectoryStatus.Admitted, "");
        var eligibility = Factory.Services.GetRequiredService<IOrganizationEligibility>();
        Assert.True((await eligibility.CheckAsync(code, [ProviderType.SocialWorkAgency], 4, DateTimeOffset.UtcNow)).Succeeded);

        var refused = await ChangeStatusAsync(admin, code, DirectoryStatus.Suspended, "");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写暂停原因", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStatusAsync(admin, code, DirectoryStatus.Suspended, "服务对象投诉查实，暂停整改")).StatusCode);

        using var anonymous = new AppSession(Factory);
        Assert.Equal(0, (await PublicAsync(anonymous, "q=" + Uri.EscapeDataString(name))).GetProperty("total").GetInt32());
        Assert.Contains("没有符合条件的组织", await anonymous.GetHtmlAsync("/organizations?q=" + Uri.EscapeDataString(name)));
        var outcome = await eligibility.CheckAsync(code, [ProviderType.SocialWorkAgency], 0, DateTimeOffset.UtcNow);
        Assert.Contains("当前状态：暂停", Assert.Single(outcome.Errors).Message);

        // The NGO sees the reason; the history keeps who and why.
        Assert.Contains("服务对象投诉查实，暂停整改", await ngo.GetHtmlAsync("/ngo/organization"));
        var last = await QueryAsync(Factory, db => db.OrganizationStatusChanges.AsNoTracking().Where(h => h.Uscc == code).OrderByDescending(h => h.Sequence).FirstAsync());
        Assert.Equal(("admin.jiangning", DirectoryStatus.Suspended), (last.By, last.To));
    }

    [SkippableFact]
    public async Task Duplicate_uscc_is_rejected_and_leaves_no_second_account()
    {
        var code = NewCode();
        using var first = await RegisterAsync(Factory, code, "先注册的中心" + code[^4..]);
        var districtId = await DistrictIdAsync(Factory, "江宁区");
        var userName = NewUserName();
        using var second = new AppSession(Factory);
        var response = await second.PostFormAsync("/organizations/register", Registration(code, userName, "后注册的中心", districtId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该统一社会信用代码已登记，不能重复注册", await response.Content.ReadAsStringAsync());
        Assert.False(await QueryAsync(Factory, db => db.Users.AnyAsync(u => u.UserName == userName)));
        Assert.Equal(1, await QueryAsync(Factory, db => db.Users.CountAsync(u => u.OrganizationUscc == code)));
    }

    [SkippableFact]
    public async Task Simultaneous_registrations_of_one_code_leave_exactly_one_organization_and_account()
    {
        var code = NewCode();
        var districtId = await DistrictIdAsync(Factory, "江宁区");
        var sessions = Enumerable.Range(0, 4).Select(_ => new AppSession(Factory)).ToList();
        var names = sessions.Select(_ => NewUserName()).ToList();
        var responses = await Task.WhenAll(sessions.Select((s, i) =>
            s.PostFormAsync("/organizations/register", Registration(code, names[i], $"并发注册中心{i}", districtId))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, await QueryAsync(Factory, db => db.Users.CountAsync(u => names.Contains(u.UserName!))));
        Assert.Equal(1, await QueryAsync(Factory, db => db.Users.CountAsync(u => u.OrganizationUscc == code)));
        // One organization, 待确认 under the winner's account (outside the directory's read model until confirmed).
        var winner = names[responses.ToList().FindIndex(r => r.StatusCode == HttpStatusCode.Redirect)];
        var registered = await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IOrganizationGrain>(code).GetAsync();
        Assert.Equal((DirectoryStatus.Unconfirmed, winner), (registered!.Status, registered.Confirmation!.Account));
        Assert.Equal(0, await QueryAsync(Factory, db => db.Organizations.CountAsync(o => o.Uscc == code)));
        sessions.ForEach(s => s.Dispose());
    }

    [SkippableFact]
    public async Task Bad_registration_input_gets_chinese_messages_and_stores_nothing()
    {
        var districtId = await DistrictIdAsync(Factory, "江宁区");
        var userName = NewUserName();
        var fields = Registration("52330502MJ5A27316U", userName, "", districtId, assistant: "-3", senior: "1e9");
        using var session = new AppSession(Factory);
        var response = await session.PostFormAsync("/organizations/register", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("助理社会工作师人数不能为负数", html);
        Assert.Contains("高级社会工作师人数请填写整数", html);
        Assert.False(await QueryAsync(Factory, db => db.Users.AnyAsync(u => u.UserName == userName)));

        // Counts fixed: the code's check character and the empty name are reported next.
        response = await session.PostFormAsync("/organizations/register", Registration("52330502MJ5A27316U", userName, "", districtId));
        html = await response.Content.ReadAsStringAsync();
        Assert.Contains("统一社会信用代码校验位不正确", html);
        Assert.Contains("value=\"52330502MJ5A27316U\"", html); // the form keeps what was typed
        Assert.False(await QueryAsync(Factory, db => db.Users.AnyAsync(u => u.UserName == userName)));

        // Nothing ticked, nothing typed: Chinese messages only, never model binding's English ones.
        var empty = Registration(NewCode(), userName, "空白中心", districtId)
            .Where(f => f.Key is not ("Input.ServiceAreaCodes" or "Input.StaffCount" or "Input.Type" or "Input.DistrictId" or "Input.RegisteredOn")).ToList();
        response = await session.PostFormAsync("/organizations/register", empty);
        html = await response.Content.ReadAsStringAsync();
        Assert.Contains("请选择组织类型", html);
        Assert.Contains("请填写登记日期", html);
        Assert.Contains("请选择申请入库的区", html);
        Assert.DoesNotContain("field is required", html);
        Assert.DoesNotContain("is not valid", html);
        empty = Registration(NewCode(), userName, "空白中心", districtId).Where(f => f.Key != "Input.ServiceAreaCodes").ToList();
        Assert.Contains("请至少选择一个服务领域", await (await session.PostFormAsync("/organizations/register", empty)).Content.ReadAsStringAsync());
        Assert.False(await QueryAsync(Factory, db => db.Users.AnyAsync(u => u.UserName == userName)));

        response = await session.PostFormAsync("/organizations/register", Registration(NewCode("91"), userName, "类型不符的中心", districtId));
        Assert.Contains("与所选类型“社工机构”不符", await response.Content.ReadAsStringAsync());
        Assert.False(await QueryAsync(Factory, db => db.Users.AnyAsync(u => u.UserName == userName)));
    }

    [SkippableFact]
    public async Task Another_ngo_cannot_read_this_ngos_documents()
    {
        var code = NewCode();
        using var ngo = await RegisterAsync(Factory, code, "材料测试中心" + code[^4..]);
        var upload = await UploadAsync(ngo, "登记证书.pdf", Pdf);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var doc = await QueryAsync(Factory, db => db.OrganizationDocuments.AsNoTracking().SingleAsync(d => d.Uscc == code));
        Assert.Equal("登记证书.pdf", doc.OriginalName);
        var ngoPage = await ngo.GetHtmlAsync("/ngo/organization");
        Assert.Contains("登记证书 已上传", ngoPage);
        Assert.Contains("审计报告 未上传", ngoPage);
        Assert.DoesNotContain("登记证书", doc.StoredName);
        var url = $"/organizations/documents/{doc.Id}";

        var own = await ngo.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(Pdf, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);

        using var otherNgo = await AppSession.LoginAsync(Factory, "yilin");
        Assert.Equal(HttpStatusCode.NotFound, (await otherNgo.GetAsync(url)).StatusCode);
        using var otherDistrict = await AppSession.LoginAsync(Factory, "admin.wuxing");
        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.GetAsync(url)).StatusCode);
        using var streetOfficial = await AppSession.LoginAsync(Factory, "dongshan");
        Assert.Equal(HttpStatusCode.NotFound, (await streetOfficial.GetAsync(url)).StatusCode);
        using var anonymous = new AppSession(Factory);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.GetAsync($"/district/organizations/{code}")).StatusCode);
    }

    [SkippableFact]
    public async Task Renamed_executable_and_oversized_file_are_refused_and_nothing_is_stored()
    {
        var code = NewCode();
        using var ngo = await RegisterAsync(Factory, code, "上传校验中心" + code[^4..]);
        byte[] exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF];
        var renamed = await UploadAsync(ngo, "章程.pdf", exe, "Charter");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Contains("只接受 PDF、JPG、PNG 格式的文件", await renamed.Content.ReadAsStringAsync());

        var big = new byte[(10 * 1024 * 1024) + 1];
        Pdf.CopyTo(big, 0);
        var oversized = await UploadAsync(ngo, "审计报告.pdf", big, "AuditReport");
        Assert.Equal(HttpStatusCode.OK, oversized.StatusCode);
        Assert.Contains("文件超过 10 MB 的上限", await oversized.Content.ReadAsStringAsync());

        Assert.False(await QueryAsync(Factory, db => db.OrganizationDocuments.AnyAsync(d => d.Uscc == code)));
        var folder = Path.Combine(Factory.Database.DataDirectory, "uploads", code);
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0);
    }

    [SkippableFact]
    public async Task Published_negative_entry_and_incubation_show_on_the_public_profile_and_bar_eligibility()
    {
        var code = NewCode();
        var name = "档案测试中心" + code[^4..];
        using var ngo = await RegisterAsync(Factory, code, name);
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        using var anonymous = new AppSession(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/organizations/{code}")).StatusCode); // 申请中: not public
        await ChangeStatusAsync(admin, code, DirectoryStatus.Admitted, "");
        var page = $"/district/organizations/{code}";
        Assert.Contains(name, await admin.GetHtmlAsync(page));

        var baseId = await QueryAsync(Factory, db => db.IncubationBases.Where(b => b.Name == "东山街道社会组织孵化基地").Select(b => b.Id).SingleAsync());
        var badDate = await admin.PostFormAsync(page, new Dictionary<string, string>
        {
            ["Incubation.BaseId"] = baseId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Incubation.StartsOn"] = "2024-13-01",
        }, page + "?handler=Incubation");
        Assert.Contains("入驻日期格式应为", await badDate.Content.ReadAsStringAsync());
        var incubation = await admin.PostFormAsync(page, new Dictionary<string, string>
        {
            ["Incubation.BaseId"] = baseId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Incubation.StartsOn"] = "2024-03-01",
            ["Incubation.EndsOn"] = "2025-02-28", ["Incubation.GraduatedOn"] = "2025-02-28", ["Incubation.Mentor"] = "江宁区社会组织培育发展中心",
        }, page + "?handler=Incubation");
        Assert.Equal(HttpStatusCode.Redirect, incubation.StatusCode);

        var today = Marketplace.Domain.ChinaTime.Day(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var negative = await admin.PostFormAsync(page, new Dictionary<string, string>
        {
            ["Negative.Source"] = "ComplaintUpheld", ["Negative.Reason"] = "虚报服务台账", ["Negative.StartsOn"] = today, ["Negative.Published"] = "true",
        }, page + "?handler=Negative");
        Assert.Equal(HttpStatusCode.Redirect, negative.StatusCode);

        var profile = await anonymous.GetHtmlAsync($"/organizations/{code}");
        Assert.Contains("东山街道社会组织孵化基地", profile);
        Assert.Contains("虚报服务台账", profile);
        Assert.DoesNotContain("025-52100000", profile); // contact details stay private
        var json = await PublicAsync(anonymous, "q=" + Uri.EscapeDataString(name));
        var item = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.True(item.GetProperty("incubated").GetBoolean());
        Assert.Equal("投诉查实", item.GetProperty("negativeEntries")[0].GetProperty("source").GetString());
        var outcome = await Factory.Services.GetRequiredService<IOrganizationEligibility>().CheckAsync(code, [], 0, DateTimeOffset.UtcNow);
        Assert.Contains("虚报服务台账", Assert.Single(outcome.Errors).Message);
        Assert.Contains("虚报服务台账", await ngo.GetHtmlAsync("/ngo/organization"));

        var list = await admin.GetHtmlAsync("/district/organizations/negative-entries?activeOnly=true");
        Assert.Contains(name, list);
        Assert.DoesNotContain("院落微更新", list); // 温江区's entry belongs to another district
        var dongshan = await QueryAsync(Factory, db => db.Streets.Where(x => x.Name == "东山街道").Select(x => x.Id).SingleAsync());
        Assert.Contains(name, await admin.GetHtmlAsync($"/district/organizations?street={dongshan}&q=" + Uri.EscapeDataString(name)));
    }

    [SkippableFact]
    public async Task Ngo_edits_its_profile_after_a_return_and_resubmits()
    {
        var code = NewCode();
        using var ngo = await RegisterAsync(Factory, code, "退回测试中心" + code[^4..]);
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStatusAsync(admin, code, DirectoryStatus.Returned, "持证社工人数与证书不符")).StatusCode);
        Assert.Contains("持证社工人数与证书不符", await ngo.GetHtmlAsync("/ngo/organization"));

        var form = await ngo.GetHtmlAsync("/ngo/organization/edit");
        Assert.Contains("退回测试中心", form);
        var version = System.Text.RegularExpressions.Regex.Match(form, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        var districtId = await DistrictIdAsync(Factory, "江宁区");
        var fields = Registration("IGNORED", "x", "退回测试中心（已更正）", districtId, assistant: "2")
            .Where(f => f.Key.StartsWith("Input.", StringComparison.Ordinal)).Append(new("Version", version)).ToList();
        var saved = await ngo.PostFormAsync("/ngo/organization/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var resubmitted = await ngo.PostFormAsync("/ngo/organization", new Dictionary<string, string>(), "/ngo/organization?handler=Resubmit");
        Assert.Equal(HttpStatusCode.Redirect, resubmitted.StatusCode);

        var row = await QueryAsync(Factory, db => db.Organizations.AsNoTracking().SingleAsync(o => o.Uscc == code));
        Assert.Equal(("退回测试中心（已更正）", 3, DirectoryStatus.Applying), (row.Name, row.CertifiedSocialWorkers, row.Status));
        var stale = await ngo.PostFormAsync("/ngo/organization/edit", fields);
        Assert.Contains("资料已被他人修改", await stale.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task District_admin_adds_an_incubation_base_for_its_own_district_only()
    {
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        Assert.Contains("江宁区社会组织培育发展中心", await admin.GetHtmlAsync("/district/incubation-bases"));
        var name = "汤山街道社会组织孵化基地" + Guid.NewGuid().ToString("N")[..4];
        var otherStreet = await QueryAsync(Factory, db => db.Streets.Where(x => x.Name == "月河街道").Select(x => x.Id).SingleAsync());
        var refused = await admin.PostFormAsync("/district/incubation-bases", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Level"] = "街道级", ["Input.StreetId"] = otherStreet.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Contains("所选街道不属于本区", await refused.Content.ReadAsStringAsync());
        var added = await admin.PostFormAsync("/district/incubation-bases", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Level"] = "街道级", ["Input.Address"] = "南京市江宁区汤山街道",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(await QueryAsync(Factory, db => db.IncubationBases.AnyAsync(b => b.Name == name)));
        using var other = await AppSession.LoginAsync(Factory, "admin.wuxing");
        Assert.DoesNotContain(name, await other.GetHtmlAsync("/district/incubation-bases"));
    }

    [SkippableFact]
    public async Task Public_api_answers_bad_parameters_with_400_in_chinese()
    {
        using var anonymous = new AppSession(Factory);
        var response = await anonymous.GetAsync("/api/public/organizations?page=abc&minSocialWorkers=-3&district=火星区&type=7");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = body.GetProperty("errors");
        Assert.Contains("页码", errors.GetProperty("page")[0].GetString());
        Assert.Contains("不能为负数", errors.GetProperty("minSocialWorkers")[0].GetString());
        Assert.Equal("没有这个区", errors.GetProperty("district")[0].GetString());
        Assert.Contains("组织类型", errors.GetProperty("type")[0].GetString());
    }

    [SkippableFact]
    public async Task Public_directory_lists_only_admitted_seed_organizations_with_filters()
    {
        using var anonymous = new AppSession(Factory);
        var wuxing = await PublicAsync(anonymous, "district=吴兴区&q=乐家");
        var lejia = Assert.Single(wuxing.GetProperty("items").EnumerateArray());
        Assert.Equal("52330502MJ5A27315U", lejia.GetProperty("uscc").GetString());
        Assert.True(lejia.GetProperty("incubated").GetBoolean());

        var all = await PublicAsync(anonymous, "");
        var codes = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("uscc").GetString()).ToList();
        Assert.DoesNotContain("52320115MJ5K3360XA", codes); // 申请中
        Assert.DoesNotContain("51510115MJ4P17020E", codes); // 暂停
        var incubatedOnly = await PublicAsync(anonymous, "incubated=true&minSocialWorkers=10&type=SocialWorkAgency");
        Assert.NotEmpty(incubatedOnly.GetProperty("items").EnumerateArray());
        Assert.All(incubatedOnly.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.True(i.GetProperty("incubated").GetBoolean());
            Assert.True(i.GetProperty("certifiedSocialWorkers").GetInt32() >= 10);
            Assert.Equal("社工机构", i.GetProperty("type").GetString());
        });
    }
}

public sealed class OrganizationFlowTests_Sqlite(SqliteApp app) : OrganizationFlowTests(app), IClassFixture<SqliteApp>;

public sealed class OrganizationFlowTests_Postgres(PostgresApp app) : OrganizationFlowTests(app), IClassFixture<PostgresApp>;
