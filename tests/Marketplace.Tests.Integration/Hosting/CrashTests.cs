using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Features.Budgets;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Tests.Integration.Hosting;

/// <summary>
/// Issue 16 item 8: the app as a real process on a real database, killed with SIGKILL in the middle of a burst
/// of applications while a street official publishes notices (each encumbers budget), and started again:
/// every acknowledged submission is there exactly once, the store passes its integrity check, the ledger checks
/// pass with each acknowledged publish posted once, a deadline that falls after the restart is acted on once,
/// and the cookies and a form token from before the kill still work.
/// </summary>
public abstract class CrashTests(DatabaseTarget target, ITestOutputHelper output)
{
    private static readonly string[] Organizations = ["ngo.lejia", "ngo.renai"];

    /// <summary>Small notices, so the year's 财政资金 holds every one the official manages to publish.</summary>
    private const string NoticeAmount = "5000";

    [SkippableFact]
    public async Task Killed_mid_burst_submissions_money_due_work_and_sessions_survive_the_restart()
    {
        var skip = TestDatabase.SkipReason(target);
        Skip.If(skip is not null, skip);
        using var database = TestDatabase.Create(target);
        var acknowledged = new ConcurrentDictionary<string, int>();
        var published = new ConcurrentBag<Guid>();   // publish answered with a redirect
        var created = new ConcurrentBag<Guid>();     // drafts, published or not
        var sent = 0;
        Guid tender, item, due;
        DateTimeOffset deadline;
        string tokenBeforeKill;
        CookieSessions before;

        var starting = Stopwatch.StartNew();
        using (var first = await AppProcess.StartAsync(database.Settings()))
        {
            var firstStart = starting.Elapsed;
            var official = await AppSession.LoginAsync(first, "dongshan");
            item = await ItemAsync(database);
            tender = await CreateAndPublishAsync(official, item, Notice(DateTimeOffset.UtcNow, "进程崩溃测试 居家养老上门服务", null, "300000"))
                ?? throw new InvalidOperationException("the burst's notice was not published");
            var ngos = new List<(string Name, AppSession Session)>();
            foreach (var name in Organizations)
            {
                ngos.Add((name, await AppSession.LoginAsync(first, name)));
            }
            before = new CookieSessions(official, ngos);
            // A form loaded before the kill, submitted after it.
            tokenBeforeKill = AppSession.AntiforgeryToken(await official.GetHtmlAsync($"/Street/Tenders/Create/{item}"));

            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Check()
            {
                if (acknowledged.Values.Sum() >= 60 && published.Count >= 2) enough.TrySetResult();
            }
            // Four writers per organization post revisions until the process dies under them.
            var writers = ngos.SelectMany(s => Enumerable.Range(0, 4).Select(_ => UntilGone(async () =>
            {
                Interlocked.Increment(ref sent);
                var response = await TenderForms.ApplyAsync(s.Session, tender, "280000", "上门助老服务方案");
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    acknowledged.AddOrUpdate(s.Name, 1, (_, n) => n + 1);
                    Check();
                }
            }))).ToList();
            // Money in flight: two publishing loops of the official, each publish an encumbrance in the street's ledger.
            var n = 0;
            writers.AddRange(Enumerable.Range(0, 2).Select(_ => UntilGone(async () =>
            {
                var form = Notice(DateTimeOffset.UtcNow, $"崩溃时发布的公告{Interlocked.Increment(ref n)} 社区助餐服务", null, NoticeAmount);
                if (await CreateAndPublishAsync(official, item, form, created) is { } id)
                {
                    published.Add(id);
                    Check();
                }
            })));
            await enough.Task.WaitAsync(TimeSpan.FromSeconds(120));

            // A deadline after the restart: the second start reads, not seeds, so it takes well under half the first.
            deadline = DateTimeOffset.UtcNow + firstStart / 2 + TimeSpan.FromSeconds(15);
            due = await CreateAndPublishAsync(official, item, Notice(DateTimeOffset.UtcNow, "重启后截止的公告 社区助餐服务", deadline, NoticeAmount))
                ?? throw new InvalidOperationException("the notice with the near deadline was not published");
            first.Kill(); // mid-burst: the writers are still posting
            await Task.WhenAll(writers);
            output.WriteLine($"first start {firstStart.TotalSeconds:F1} s; killed {(deadline - DateTimeOffset.UtcNow).TotalSeconds:F1} s before the deadline of {due}");
        }

        // Between the processes: the deadline's timer is stored and not yet acted on.
        await using (var db = CrashChecks.Open(database))
        {
            var work = await db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == ITenderTimers.CloseKind && w.SubjectId == due.ToString());
            Assert.Null(work.CompletedAt);
            Assert.Equal(TenderStatus.Published, await db.Tenders.Where(t => t.Id == due).Select(t => t.Status).SingleAsync());
        }

        using var second = await AppProcess.StartAsync(database.Settings());
        var aheadAtRestart = deadline - DateTimeOffset.UtcNow;
        output.WriteLine($"restarted; the deadline {(aheadAtRestart > TimeSpan.Zero ? $"comes due {aheadAtRestart.TotalSeconds:F1} s after" : $"fell due {-aheadAtRestart.TotalSeconds:F1} s before")} the restart");

        var found = await SubmissionsAsync(database, tender, acknowledged);
        output.WriteLine(await CrashChecks.IntegrityAsync(database));
        var (ledger, heldByDraft) = await LedgerAsync(database, [.. published], [.. created]);
        var reused = await SessionsAsync(second, before, item, tokenBeforeKill);
        await RepublishAsync(second, database, heldByDraft);
        var closed = await DueWorkAsync(database, due, deadline);

        output.WriteLine($"crash test ({target}): {sent} application requests sent, {acknowledged.Values.Sum()} acknowledged, {found} found after restart; "
            + $"{published.Count} publishes acknowledged of {created.Count} drafts, {ledger}; due work acted on {closed}; {reused}");
    }

    /// <summary>Runs <paramref name="step"/> until the process is gone under it.</summary>
    private static Task UntilGone(Func<Task> step) => Task.Run(async () =>
    {
        while (true)
        {
            try
            {
                await step();
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                return;
            }
        }
    });

    private static Dictionary<string, string> Notice(DateTimeOffset now, string title, DateTimeOffset? deadline, string amount)
    {
        var form = TenderForms.Notice(now, title);
        form["Input.Ceiling"] = amount;
        form["Input.Funding[0]"] = amount;
        if (deadline is { } d)
        {
            form["Input.Deadline"] = d.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        }
        return form;
    }

    private static async Task<Guid> ItemAsync(TestDatabase database)
    {
        await using var db = CrashChecks.Open(database);
        return await TenderForms.PublishedItemAsync(db, "东山街道");
    }

    /// <summary>Creates a draft and publishes it; the id when the publish was acknowledged, null when it was not.</summary>
    private static async Task<Guid?> CreateAndPublishAsync(AppSession official, Guid item, Dictionary<string, string> form, ConcurrentBag<Guid>? drafts = null)
    {
        var id = await TenderForms.CreateDraftAsync(official, item, form);
        drafts?.Add(id);
        var publish = await TenderForms.PublishDraftAsync(official, id);
        return publish.StatusCode == HttpStatusCode.Redirect ? id : null;
    }

    /// <summary>Every acknowledged revision is there, each once.</summary>
    private async Task<int> SubmissionsAsync(TestDatabase database, Guid tender, ConcurrentDictionary<string, int> acknowledged)
    {
        await using var db = CrashChecks.Open(database);
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
        return rows.Count;
    }

    /// <summary>
    /// The ledger after the kill: <see cref="LedgerAudit"/> over the rows (every group balanced, no key twice,
    /// the balances the pages show equal the postings, none negative so committed + disbursed ≤ budget), no
    /// group without its lines, and each acknowledged publish posted exactly once with its notice published.
    /// </summary>
    private static async Task<(string Summary, List<Guid> HeldByDraft)> LedgerAsync(TestDatabase database, List<Guid> published, List<Guid> drafts)
    {
        await using var db = CrashChecks.Open(database);
        var audit = await LedgerAudit.RunAsync(db, null, null, CancellationToken.None);
        Assert.True(audit.Passed, string.Join("\n", audit.Problems));
        Assert.Equal(0, await db.PostingGroups.CountAsync(g => !db.Postings.Any(p => p.GroupId == g.Id))); // no half-written group
        var ids = drafts.Select(d => d.ToString("N")).ToList();
        var publishGroups = (await db.PostingGroups.AsNoTracking().Where(g => ids.Contains(g.EncumbranceId!)).Select(g => new { g.EncumbranceId, g.IdempotencyKey }).ToListAsync())
            .Where(g => g.IdempotencyKey.Contains(":publish:", StringComparison.Ordinal))
            .GroupBy(g => Guid.Parse(g.EncumbranceId!)).ToDictionary(g => g.Key, g => g.Count());
        var status = await db.Tenders.AsNoTracking().Where(t => drafts.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Status);
        foreach (var id in published)
        {
            Assert.Equal(1, publishGroups.GetValueOrDefault(id));
            Assert.Equal(TenderStatus.Published, status[id]);
        }
        Assert.All(publishGroups.Values, count => Assert.Equal(1, count));
        // A publish cut off between the ledger's write and the notice's: the money is held by a draft until it is published again.
        var heldByDraft = publishGroups.Keys.Where(id => status[id] == TenderStatus.Draft).ToList();
        // A publish whose answer the kill cut off may still have committed: then both its posting and its notice are there.
        var unanswered = drafts.Count(id => !published.Contains(id) && status[id] == TenderStatus.Published);
        var year = ChinaTime.Year(DateTimeOffset.UtcNow);
        var budget = await db.StreetBudgets.AsNoTracking().SingleAsync(b => b.Year == year && db.Streets.Any(s => s.Id == b.StreetId && s.Name == "东山街道"));
        Assert.True(budget.Encumbered + budget.Committed + budget.Disbursed <= budget.Allocated, $"{budget.Encumbered} + {budget.Committed} + {budget.Disbursed} > {budget.Allocated}");
        return ($"{audit.Groups} posting groups / {audit.Postings} postings / {audit.Accounts} accounts checked by LedgerAudit, "
            + $"{publishGroups.Count} publish encumbrances each once ({unanswered} committed though its answer was cut off), "
            + $"{heldByDraft.Count} held by a draft cut off mid-publish", heldByDraft);
    }

    /// <summary>
    /// A draft whose publish was cut off after the ledger's write holds its money; publishing it again replays the
    /// same idempotency key (the tender's version did not move), so the notice goes out with no second posting.
    /// </summary>
    private static async Task RepublishAsync(AppProcess second, TestDatabase database, List<Guid> held)
    {
        if (held.Count == 0)
        {
            return;
        }
        using var official = await AppSession.LoginAsync(second, "dongshan");
        foreach (var id in held)
        {
            await TenderForms.AssertRedirectAsync(await official.PostFormAsync($"/Street/Tenders/Details/{id}", [], $"/Street/Tenders/Details/{id}?handler=Publish"));
        }
        await using var db = CrashChecks.Open(database);
        var ids = held.Select(h => h.ToString("N")).ToList();
        var keys = await db.PostingGroups.Where(g => ids.Contains(g.EncumbranceId!)).Select(g => g.IdempotencyKey).ToListAsync();
        Assert.Equal(held.Count, keys.Count(k => k.Contains(":publish:", StringComparison.Ordinal)));
        Assert.Equal(held.Count, await db.Tenders.CountAsync(t => held.Contains(t.Id) && t.Status == TenderStatus.Published));
    }

    /// <summary>The deadline's timer, handed to Hangfire again at start, closes the notice once: 流标 (no applications) and the money released once.</summary>
    private async Task<string> DueWorkAsync(TestDatabase database, Guid due, DateTimeOffset deadline)
    {
        var wait = deadline - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        // The work row is marked done after the handler's own commit (the notice closed), so the row is what is awaited.
        var work = await CrashChecks.PollAsync(database,
            db => db.ScheduledWork.AsNoTracking().SingleAsync(w => w.Kind == ITenderTimers.CloseKind && w.SubjectId == due.ToString()),
            w => w.CompletedAt is not null, wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(60));
        Assert.NotNull(work.CompletedAt);
        await using var db = CrashChecks.Open(database);
        Assert.Equal(TenderStatus.Failed, await db.Tenders.Where(t => t.Id == due).Select(t => t.Status).SingleAsync());
        Assert.Equal(1, work.Attempts);
        var key = $"tender:{due:N}:failed";
        Assert.Equal(1, await db.PostingGroups.CountAsync(g => g.IdempotencyKey == key));
        return $"1 (tender closed as 采购失败 at {(work.CompletedAt!.Value - deadline).TotalSeconds:F1} s after its deadline, 1 attempt, its encumbrance released once)";
    }

    private sealed record CookieSessions(AppSession Official, IReadOnlyList<(string Name, AppSession Session)> Ngos);

    /// <summary>
    /// Cookies from before the kill open signed-in pages of the new process without a login (Data Protection keys
    /// and security stamps are in the database), and a form token read before the kill is accepted after it.
    /// </summary>
    private async Task<string> SessionsAsync(AppProcess second, CookieSessions before, Guid item, string token)
    {
        using var official = before.Official.On(second);
        Assert.Equal(HttpStatusCode.OK, (await official.GetAsync("/Street/Budget")).StatusCode);
        foreach (var (name, session) in before.Ngos)
        {
            using var ngo = session.On(second);
            var page = await ngo.GetAsync("/Notifications");
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{name}: {(int)page.StatusCode} {page.Headers.Location}");
        }
        var posted = await official.PostWithTokenAsync($"/Street/Tenders/Create/{item}", token,
            Notice(DateTimeOffset.UtcNow, "重启前打开的表单 社区助餐服务", null, NoticeAmount));
        await TenderForms.AssertRedirectAsync(posted);
        using var admin = await AppSession.LoginAsync(second, "admin.jiangning");
        var checks = await admin.GetHtmlAsync($"/District/Budgets/Checks?year={ChinaTime.Year(DateTimeOffset.UtcNow)}");
        Assert.Contains("全部通过", checks); // LedgerAudit and every street budget grain's CheckAsync, in the restarted process
        before.Official.Dispose();
        foreach (var (_, s) in before.Ngos) s.Dispose();
        return $"{1 + before.Ngos.Count} sessions reused without a login, 1 form token from before the kill accepted, /District/Budgets/Checks 全部通过";
    }
}

public sealed class CrashTests_Sqlite(ITestOutputHelper output) : CrashTests(DatabaseTarget.Sqlite, output);

public sealed class CrashTests_Postgres(ITestOutputHelper output) : CrashTests(DatabaseTarget.Postgres, output);
