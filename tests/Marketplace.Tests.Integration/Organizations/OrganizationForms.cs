using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Marketplace.Organizations;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Organizations;

/// <summary>Registering, uploading and reviewing as an NGO and a district admin do, over HTTP.</summary>
internal static class OrganizationForms
{
    public const string Password = "Ngo@2026pass";

    public static readonly byte[] Pdf = [.. "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8];

    /// <summary>A fresh valid code (GB 32100-2015 check character computed), so tests sharing a host never collide.</summary>
    public static string NewCode(string prefix = "52", string division = "320115")
    {
        var body = prefix + division + string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
        return body + Uscc.CheckCharacter(body);
    }

    public static string NewUserName() => "ngo" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A fresh mobile number for the contact phone, so the codes sent to it are this registration's.</summary>
    public static string NewMobile() => "139" + string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));

    public static async Task<T> QueryAsync<T>(MarketplaceAppFactory factory, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static Task<long> DistrictIdAsync(MarketplaceAppFactory factory, string name) =>
        QueryAsync(factory, db => db.Districts.Where(d => d.Name == name).Select(d => d.Id).SingleAsync());

    public static List<KeyValuePair<string, string>> Registration(
        string uscc, string userName, string name, long districtId, string type = "SocialWorkAgency",
        string staff = "10", string assistant = "3", string regular = "1", string senior = "0", string? mobile = null)
    {
        return
        [
            new("Account.UserName", userName), new("Account.DisplayName", name + " 联系人"),
            new("Account.Password", Password), new("Account.ConfirmPassword", Password),
            new("Input.Uscc", uscc), new("Input.Name", name), new("Input.Type", type),
            new("Input.RegistrationAuthority", "南京市江宁区民政局"), new("Input.RegisteredOn", "2019-03-12"),
            new("Input.LegalRepresentative", "张敏"), new("Input.ContactPerson", "李强"), new("Input.ContactPhone", mobile ?? NewMobile()),
            new("Input.Address", "南京市江宁区东山街道上元大街1号"), new("Input.DistrictId", districtId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.ServiceAreaCodes", "elderly"), new("Input.ServiceAreaCodes", "community"),
            new("Input.StaffCount", staff), new("Input.AssistantSocialWorkers", assistant),
            new("Input.RegularSocialWorkers", regular), new("Input.SeniorSocialWorkers", senior),
            new("Input.PastProjects", "社区居家养老服务"),
        ];
    }

    /// <summary>Registers through the public form and confirms with the code sent; the session is signed in as the new NGO afterwards.</summary>
    public static async Task<AppSession> RegisterAsync(MarketplaceAppFactory factory, string uscc, string name, string district = "江宁区")
    {
        var (session, mobile) = await RegisterUnconfirmedAsync(factory, uscc, name, district);
        await ConfirmAsync(factory, session, mobile);
        return session;
    }

    /// <summary>Registers through the public form only: the account is 待确认, signed in, and its code is at <see cref="SentCodes"/>.</summary>
    public static async Task<(AppSession Session, string Mobile)> RegisterUnconfirmedAsync(
        MarketplaceAppFactory factory, string uscc, string name, string district = "江宁区", string? userName = null)
    {
        var session = new AppSession(factory);
        var mobile = NewMobile();
        var response = await session.PostFormAsync("/organizations/register",
            Registration(uscc, userName ?? NewUserName(), name, await DistrictIdAsync(factory, district), mobile: mobile));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/organizations/confirm", response.Headers.Location?.OriginalString);
        return (session, mobile);
    }

    /// <summary>Types the last code sent to the mobile into the confirm page; the application then enters the review queue.</summary>
    public static async Task ConfirmAsync(MarketplaceAppFactory factory, AppSession session, string mobile)
    {
        var response = await PostCodeAsync(session, factory.Services.GetRequiredService<SentCodes>().LastTo(mobile));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ngo/organization", response.Headers.Location?.OriginalString);
    }

    public static async Task<HttpResponseMessage> PostCodeAsync(AppSession session, string code, string? handler = null) =>
        await session.PostFormAsync("/organizations/confirm", new Dictionary<string, string> { ["Code"] = code },
            handler is null ? null : "/organizations/confirm?handler=" + handler);

    /// <summary>The contact mobile of a registration form's fields.</summary>
    public static string MobileOf(IEnumerable<KeyValuePair<string, string>> registration) => registration.First(f => f.Key == "Input.ContactPhone").Value;

    public static async Task<HttpResponseMessage> ChangeStatusAsync(AppSession admin, string uscc, DirectoryStatus to, string reason) =>
        await admin.PostFormAsync($"/district/organizations/{uscc}", new Dictionary<string, string> { ["To"] = to.ToString(), ["Reason"] = reason },
            $"/district/organizations/{uscc}?handler=Status");

    /// <summary>Posts a multipart form with the page's antiforgery token, as a browser's file upload does.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(
        AppSession session, string formPage, string action, string fileField, string fileName, byte[] bytes, Dictionary<string, string>? fields = null)
    {
        var token = AppSession.AntiforgeryToken(await session.GetHtmlAsync(formPage));
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields ?? [])
        {
            content.Add(new StringContent(v), k);
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, fileField, fileName);
        return await session.Http.PostAsync(action, content);
    }

    /// <summary>The files under the organization's upload folder (what the document store holds for it).</summary>
    public static string[] UploadedFiles(MarketplaceAppFactory factory, string uscc)
    {
        var data = factory.Services.GetRequiredService<Marketplace.Web.Infrastructure.Database.DatabaseOptions>().DataDirectory;
        var root = Path.Combine(Path.GetFullPath(data, factory.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().ContentRootPath),
            "uploads", uscc);
        return Directory.Exists(root) ? [.. Directory.GetFiles(root).Order()] : [];
    }

    public static Task<HttpResponseMessage> UploadAsync(AppSession ngo, string fileName, byte[] bytes, string kind = "RegistrationCertificate") =>
        PostFileAsync(ngo, "/ngo/organization", "/ngo/organization?handler=Upload", "Upload", fileName, bytes, new() { ["Kind"] = kind });
}
