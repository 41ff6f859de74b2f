using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Marketplace.Web.Features.Budgets;
using Marketplace.Web.Features.Catalog;
using Marketplace.Web.Features.Contracts;
using Marketplace.Web.Features.Disclosure;
using Marketplace.Web.Features.Grid;
using Marketplace.Web.Features.Reports;
using Marketplace.Web.Features.Rounds;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Tendering;
using Marketplace.Web.Infrastructure.Audit;
using Marketplace.Web.Infrastructure.Caching;
using Marketplace.Web.Infrastructure.Database;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Jobs;
using Marketplace.Web.Infrastructure.Security;
using Marketplace.Web.Infrastructure.Seeding;
using Marketplace.Web.Infrastructure.Silo;
using Microsoft.AspNetCore.Localization;

var builder = WebApplication.CreateBuilder(args);

var database = builder.Services.AddMarketplaceDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddMarketplaceIdentity();
builder.AddMarketplaceSecurity();
builder.Services.AddOrganizationsWeb();
builder.AddMarketplaceSilo();
builder.Services.AddMarketplaceJobs(database);
builder.Services.AddReportsFeature();
builder.Services.AddPublicReadCache();
builder.Services.AddGridWeb();

builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/Street", Roles.StreetOfficial);
    o.Conventions.AuthorizeFolder("/District", Roles.DistrictAdmin);
    // The folder is the only role gate: pages under these folders carry no [Authorize] of their own.
    o.Conventions.AuthorizeFolder("/Ngo", Roles.Ngo);
    o.Conventions.AuthorizeFolder("/Evaluator", Roles.Evaluator);
    o.Conventions.AuthorizeFolder("/Grid", Roles.GridWorker);
    // 待确认 registrations: their one page (every other signed-in page sends them here).
    o.Conventions.AuthorizePage("/Organizations/Confirm", UnconfirmedAccounts.Policy);
}).AddMvcOptions(o => o.Filters.Add<MultipartControlCharactersFilter>()); // multipart text fields cleaned like url-encoded ones
builder.Services.AddOpenApi();
// Chinese text is written as is, not as &#x...; entities or \u escapes.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddSingleton(builder.Configuration.GetSection("Seed").Get<SeedOptions>() ?? new SeedOptions());
// Registered after the silo so it starts after it: seed items go through their grains.
builder.Services.AddHostedService<DemoDataSeeder>();

var app = builder.Build();

await DatabaseMigrator.MigrateAsync(app.Services);

app.UseExceptionHandler("/Error/500");
app.UseStatusCodePagesWithReExecute("/Error/{0}");
app.UseMarketplaceInputGuards();
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("zh-CN"),
    SupportedCultures = [new CultureInfo("zh-CN")],
    SupportedUICultures = [new CultureInfo("zh-CN")],
});
app.UseStaticFiles();
app.UseRouting();
app.UseMarketplaceFormCleaning();
app.UseAuthentication();
app.UseMarketplaceAudit();
app.UseAuthorization();
app.UseMarketplaceAbuseLimits();
app.UseOutputCache();

app.MapRazorPages();
app.MapOpenApi();
app.MapHealthChecks("/healthz");
app.MapPublicCatalogApi();
app.MapPublicBudgetsApi();
app.MapPublicReports();
app.MapOrganizationsFeature();
app.MapPublicTenderApi();
app.MapApplicationAttachments();
app.MapReportAttachments();
app.MapPublicContractsApi();
app.MapPublicRoundsApi();
app.MapOcdsApi();
app.MapAtomFeeds();
app.MapPublicGridApi();
app.MapMarketplaceJobsDashboard();

await app.RunAsync();

/// <summary>Entry point; public so integration tests can host the real app.</summary>
public partial class Program;
