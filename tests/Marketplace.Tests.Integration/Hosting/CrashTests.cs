using System.Collections.Concurrent;
using System.Net;
using Marketplace.Catalog;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>
/// Issue 16 item 8: the app as a real process on a real SQLite file, killed with SIGKILL in the middle of a
/// burst of applications and started again: every acknowledged submission is there, exactly once, and
/// the file passes integrity_check.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private static readonly string[] Organizations = ["ngo.lejia", "ngo.renai"];

    [SkippableFact]
    public async Task Killed_mid_burst_every_acknowledged_submission_is_there_once_after_restart()
    {
        using var database = TestDatabase.Create(DatabaseTarget.Sqlite);
        var file = Path.Combine(database.DataDirectory, "marketplace.db");
        Guid tender;
        var acknowledged = new ConcurrentDictionary<string, int>();
        var sent = 0;
        using (var first = await AppProcess.StartAsync(database.Settings()))
        {
            using var official = await AppSession.LoginAsync(first, "dongshan");
            tender = await PublishAsync(official, file);
            var sessions = new List<(string Name, AppSession Session)>();
            foreach (var name in Organizations)
            {
                sessions.Add((name, await AppSession.LoginAsync(first, name)));
            }
            using var stop = new CancellationTokenSource();
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Four writers per organization post revisions until the process dies under them.
            var writers = sessions.SelectMany(s => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    try
                    {
                        Interlocked.Increment(ref sent);
                        var response = await TenderForms.ApplyAsync(s.Session, tender, "280000", "上门助老服务方案");
                        if (response.StatusCode == HttpStatusCode.Redirect && acknowledged.AddOrUpdate(s.Name, 1, (_, n) => n + 1) > 0
                            && acknowledged.Values.Sum() >= 60)
                        {
                            enough.TrySetResult();
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                    {
                        return; // the process is gone
                    }
                }
            }))).ToList();
            await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
            first.Kill(); // mid-burst: the writers are still posting
            await Task.WhenAll(writers);
            foreach (var s in sessions) s.Session.Dispose();
        }

        using var second = await AppProcess.StartAsync(database.Settings());
        await using var db = Open(file);
        var rows = await db.TenderSubmissions.AsNoTracking().Where(r => r.TenderId == tender).Select(r => new { r.Uscc, r.Revision }).ToListAsync();
        var usccs = await db.Users.AsNoTracking().Where(u => Organizations.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.OrganizationUscc);
        foreach (var name in Organizations)
        {
            var found = rows.Count(r => r.Uscc == usccs[name]);
            output.WriteLine($"{name}: acknowledged {acknowledged.GetValueOrDefault(name)}, found after restart {found}");
            Assert.True(found >= acknowledged.GetValueOrDefault(name), $"{name}: {acknowledged.GetValueOrDefault(name)} acknowledged, {found} found");
        }
        Assert.Equal(rows.Count, rows.Distinct().Count()); // each revision exactly once
        await using var conn = new SqliteConnection($"Data Source={file}");
        await conn.OpenAsync();
        await using var check = conn.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
        // The restarted app serves the organization its own application.
        using var ngo = await AppSession.LoginAsync(second, Organizations[0]);
        Assert.Equal(HttpStatusCode.OK, (await ngo.GetAsync($"/Ngo/Tenders/Apply/{tender}")).StatusCode);
        output.WriteLine($"crash test: {sent} requests sent, {acknowledged.Values.Sum()} acknowledged, {rows.Count} found after restart, integrity_check ok");
    }

    private static SqliteAppDbContext Open(string file) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options);

    private static async Task<Guid> PublishAsync(AppSession official, string file)
    {
        Guid item;
        await using (var db = Open(file))
        {
            item = await db.TransferItems.Where(i => i.Status == TransferItemStatus.Published && db.Streets.Any(s => s.Id == i.StreetId && s.Name == "东山街道"))
                .Select(i => i.Id).FirstAsync();
        }
        var created = await official.PostFormAsync($"/Street/Tenders/Create/{item}", TenderForms.Notice(DateTimeOffset.UtcNow, "进程崩溃测试 居家养老上门服务"));
        await TenderForms.AssertRedirectAsync(created);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{id}", [], $"/Street/Tenders/Details/{id}?handler=Publish"));
        return id;
    }
}
