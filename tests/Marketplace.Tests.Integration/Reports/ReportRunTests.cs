using System.Net;
using System.Text.Json;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Domain;

namespace Marketplace.Tests.Integration.Reports;

/// <summary>The all-districts report runs in the background with progress, and only its requester downloads it.</summary>
public sealed class ReportRunTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task All_districts_report_runs_in_background_and_is_downloaded_by_its_requester_only()
    {
        var factory = app.Factory;
        using var admin = await AppSession.LoginAsync(factory, "admin.jiangning");
        var completed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        factory.Services.GetRequiredService<DueWorkEvents>().Completed += id => completed.TrySetResult(id);

        var year = ChinaTime.Year(DateTimeOffset.UtcNow);
        var start = await admin.PostFormAsync("/District/Reports", new() { ["Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "/District/Reports?handler=AllDistricts");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        await completed.Task.WaitAsync(TimeSpan.FromSeconds(120));

        await using var scope = factory.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ReportRuns.AsNoTracking().SingleAsync();
        var status = JsonDocument.Parse(await admin.GetHtmlAsync($"/District/Reports?handler=Status&id={run.Id}")).RootElement;
        Assert.Equal("Done", status.GetProperty("status").GetString());
        Assert.Equal(100, status.GetProperty("progress").GetInt32());
        var page = await admin.GetHtmlAsync("/District/Reports");
        Assert.Contains($"?id={run.Id}&amp;handler=Download", page);
        Assert.Contains("100%", page);

        var download = await admin.GetAsync($"/District/Reports?handler=Download&id={run.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var text = PdfText.All(await download.Content.ReadAsByteArrayAsync());
        foreach (var district in new[] { "吴兴区", "江宁区", "温江区", "镇海区" })
        {
            Assert.Contains(district, text);
        }
        Assert.Contains("庄市街道", text);

        using var otherAdmin = await AppSession.LoginAsync(factory, "admin.wuxing");
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync($"/District/Reports?handler=Download&id={run.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync($"/District/Reports?handler=Status&id={run.Id}")).StatusCode);
    }
}
