using System.Net;
using Marketplace.Catalog;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>
/// Issue 16 item 9: three app processes as one cluster (Redis membership, one PostgreSQL database). Organizations
/// signed in on one silo post applications round-robin through all three; the silo holding the tender's grain
/// is killed with SIGKILL mid-burst and the posts go on through the other two, resending a failed post with its
/// submit key. Every acknowledged submission is stored exactly once, the killed silo's grains answer from a
/// survivor, and a deadline that comes due while three silos share Hangfire's storage is acted on once.
/// </summary>
public sealed class ThreeSiloTests(ITestOutputHelper output)
{
    private static readonly string[] Organizations = ["ngo.lejia", "ngo.renai"];
    private const int WritersPerOrganization = 3;
    private const int BeforeKill = 30;
    private const int AfterKill = 30;

    [SkippableFact]
    public async Task Killing_one_of_three_silos_loses_nothing_acknowledged_and_due_work_runs_once()
    {
        var skip = AppCluster.SkipReason();
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(DatabaseTarget.Postgres);
        Guid tender = default, dueSoon = default;
        DateTimeOffset dueAt = default;
        // Both notices are published while the first silo is alone, so their grains (and 东山街道's budget and
        // catalog) are activated on it: killing it later kills the grains the burst writes to.
        var startedAt = DateTimeOffset.UtcNow;
        using var cluster = await AppCluster.StartAsync(database, 3, async first =>
        {
            using var official = await AppSession.LoginAsync(first, "dongshan");
            tender = await PublishAsync(official, database, DateTimeOffset.UtcNow.AddHours(2), "多节点测试 居家养老上门服务");
            dueAt = DateTimeOffset.UtcNow.AddSeconds(40);
            dueSoon = await PublishAsync(official, database, dueAt, "多节点测试 即将截止的服务");
        });

        // Every silo re-handed unfinished work due within the horizon (a day, DueWorkOptions) at its start;
        // Hangfire holds one job per such open row, not three. Work due later waits in the database for a sweep.
        await using (var db = Open(database))
        {
            var horizonEnd = startedAt.AddDays(1);
            var open = await db.ScheduledWork.AsNoTracking().Where(w => w.CompletedAt == null && w.DueAt <= horizonEnd).Select(w => w.Id).ToListAsync();
            var pending = (await cluster.DueWorkJobsAsync()).Where(j => j.State is "Scheduled" or "Enqueued" or "Processing").ToList();
            var most = pending.GroupBy(j => j.WorkId).Select(g => g.Count()).DefaultIfEmpty().Max();
            output.WriteLine($"after three starts: {open.Count} open scheduled-work rows, {pending.Count} pending Hangfire jobs, at most {most} per row");
            Assert.Equal(1, most);
            Assert.All(open, id => Assert.Contains(pending, j => j.WorkId == id));
        }

        await AssertDueWorkRanOnceAsync(cluster, database, dueSoon, dueAt);

        // Sign in on the first silo only; the same cookies go to all three.
        var sessions = new List<AppSession[]>();
        foreach (var name in Organizations)
        {
            var home = await AppSession.LoginAsync(cluster.Silos[0], name);
            sessions.Add([home, home.On(cluster.Silos[1]), home.On(cluster.Silos[2])]);
        }
        var burst = new ThreeSiloBurst(cluster, sessions, tender);
        var writers = Enumerable.Range(0, Organizations.Length * WritersPerOrganization).Select(w => Task.Run(() => burst.WriteAsync(w % Organizations.Length))).ToList();
        await burst.Acknowledged(BeforeKill).WaitAsync(TimeSpan.FromSeconds(90));
        var bySilo = burst.BySilo();
        Assert.All(bySilo, n => Assert.True(n > 0, "a cookie from the first silo was refused on another: " + string.Join("/", bySilo)));
        cluster.Kill(0); // mid-burst: the writers are still posting, some of them to it
        var killedAt = burst.Elapsed;
        var before = burst.AcknowledgedCount;
        await burst.Acknowledged(before + AfterKill).WaitAsync(TimeSpan.FromSeconds(120));
        burst.Stop();
        await Task.WhenAll(writers);

        await using (var db = Open(database))
        {
            var keys = await db.TenderSubmissions.AsNoTracking().Where(r => r.TenderId == tender).Select(r => r.IdempotencyKey).ToListAsync();
            var stored = keys.GroupBy(k => k).ToDictionary(g => g.Key ?? "", g => g.Count());
            var found = burst.AcknowledgedKeys.Count(k => stored.GetValueOrDefault(k) == 1);
            output.WriteLine($"three silos: {burst.Sent} submissions sent, {burst.AcknowledgedCount} acknowledged (by silo before the kill {string.Join("/", bySilo)}), "
                + $"{found} found exactly once, {keys.Count} rows, {burst.Retried} resent to a survivor, {burst.GaveUp} given up (last refusal {burst.LastRefusal ?? "none"}); "
                + $"killed at {killedAt.TotalSeconds:0.0} s, first acknowledgement of a resent post {burst.FirstResentAck.TotalSeconds - killedAt.TotalSeconds:0.0} s later");
            Assert.Equal(burst.AcknowledgedCount, found);
            Assert.All(stored, s => Assert.Equal(1, s.Value)); // a resent key never stored a second revision
            Assert.True(burst.Retried > 0, "no post was in flight to the killed silo");
        }

        // The grains that lived on the killed silo answer from a survivor, to cookies it issued.
        var survivor = cluster.Silos[1];
        using var ngo = sessions[0][0].On(survivor);
        var apply = await ngo.GetHtmlAsync($"/Ngo/Tenders/Apply/{tender}");
        Assert.Contains("本单位已提交第", apply);
        using var officialThere = await AppSession.LoginAsync(cluster.Silos[2], "dongshan");
        Assert.Contains("多节点测试 居家养老上门服务", await officialThere.GetHtmlAsync($"/Street/Tenders/Details/{tender}"));
        Assert.Equal(HttpStatusCode.OK, (await officialThere.GetAsync("/Street/Budget/Index")).StatusCode);
        foreach (var s in sessions.SelectMany(s => s))
        {
            s.Dispose();
        }
        await AssertPhoneCodeCrossesSilosAsync(cluster, database);
    }

    /// <summary>A resident asks for a code through one silo and posts it through another: the code is accepted.</summary>
    private async Task AssertPhoneCodeCrossesSilosAsync(AppCluster cluster, TestDatabase database)
    {
        long street;
        await using (var db = Open(database))
        {
            street = await db.Streets.Where(s => s.Name == "庄市街道").Select(s => s.Id).SingleAsync();
        }
        const string phone = "13905749001";
        var form = $"/Matters/Report?Street={street}";
        using var asking = new AppSession(cluster.Silos[1].BaseAddress);
        using var posting = asking.On(cluster.Silos[2]);
        // The development sender logs the code (number masked) on the silo that sent it.
        var sent = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var masked = new System.Text.RegularExpressions.Regex($@"{phone[..3]}\*{{4}}{phone[^4..]} (\d{{6}})");
        void Read(string line)
        {
            if (masked.Match(line) is { Success: true } m)
            {
                sent.TrySetResult(m.Groups[1].Value);
            }
        }
        cluster.Silos[1].LineWritten += Read;
        await asking.PostFormAsync(form, new() { ["Street"] = $"{street}", ["Phone"] = phone }, "/Matters/Report?handler=SendCode");
        var code = await sent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cluster.Silos[1].LineWritten -= Read;
        var fields = new Dictionary<string, string>
        {
            ["Street"] = $"{street}", ["GridNo"] = "0", ["ServiceAreaCode"] = "elderly", ["Title"] = "助餐", ["Place"] = "勤勇村", ["Text"] = "",
            ["Phone"] = phone, ["Code"] = code,
        };
        var html = WebUtility.HtmlDecode(await (await posting.PostFormAsync(form, fields, "/Matters/Report")).Content.ReadAsStringAsync());
        output.WriteLine($"phone code asked through silo 2, posted through silo 3: {(html.Contains("验证码不正确", StringComparison.Ordinal) ? "refused" : "accepted")}");
        Assert.DoesNotContain("验证码不正确或已过期", html);
        Assert.Contains("网格不存在", html); // past the code, the report's own check refuses the unknown grid
    }

    /// <summary>The 截止 of <paramref name="tenderId"/> passes while three silos run: closed once, one job, one audit entry.</summary>
    private async Task AssertDueWorkRanOnceAsync(AppCluster cluster, TestDatabase database, Guid tenderId, DateTimeOffset dueAt)
    {
        var subject = tenderId.ToString();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90) + (dueAt - DateTimeOffset.UtcNow);
        await using var db = Open(database);
        var work = await db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == ITenderTimers.CloseKind && w.SubjectId == subject);
        List<(long WorkId, string State)> jobs;
        while (true)
        {
            jobs = (await cluster.DueWorkJobsAsync()).Where(j => j.WorkId == work.Id).ToList();
            if (jobs.Count > 0 && jobs.All(j => j.State == "Succeeded") || DateTimeOffset.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(250); // polling Hangfire's table until the job has run
        }
        var row = await db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Id == work.Id);
        var status = await db.Tenders.AsNoTracking().Where(t => t.Id == tenderId).Select(t => t.Status).SingleAsync();
        var closes = await db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "ITenderGrain.CloseAsync" && a.Subject.Contains(tenderId.ToString("N")));
        output.WriteLine($"due work across three silos: {jobs.Count} Hangfire job(s) ({string.Join(",", jobs.Select(j => j.State))}), "
            + $"attempts {row.Attempts}, tender {status}, {closes} close audit entr(y/ies), done {(row.CompletedAt - dueAt)?.TotalSeconds:0.0} s after 截止");
        Assert.Equal(["Succeeded"], jobs.Select(j => j.State));
        Assert.NotNull(row.CompletedAt);
        Assert.Equal(1, row.Attempts);
        Assert.NotEqual(TenderStatus.Published, status);
        Assert.Equal(1, closes);
    }

    private static PostgresAppDbContext Open(TestDatabase database) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(database.ConnectionString).Options);

    private static async Task<Guid> PublishAsync(AppSession official, TestDatabase database, DateTimeOffset deadline, string title)
    {
        Guid item;
        await using (var db = Open(database))
        {
            item = await TenderForms.PublishedItemAsync(db, "东山街道");
        }
        var notice = TenderForms.Notice(DateTimeOffset.UtcNow, title);
        notice["Input.Deadline"] = deadline.ToOffset(Marketplace.Domain.ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var id = await TenderForms.CreateDraftAsync(official, item, notice);
        await TenderForms.AssertRedirectAsync(await TenderForms.PublishDraftAsync(official, id));
        return id;
    }
}
