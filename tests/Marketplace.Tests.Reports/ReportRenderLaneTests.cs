using System.Globalization;
using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Layout;

namespace Marketplace.Tests.Reports;

public sealed class ReportRenderLaneTests
{
    /// <summary>A district report that notes the scheduling priority (nice) of the thread that composes it.</summary>
    private sealed class NiceRecordingReport(IReportDocument inner) : IReportDocument
    {
        public List<int> Nices { get; } = [];

        public ReportInfo Info => inner.Info;

        public void Compose(DocumentBuilder builder)
        {
            lock (Nices)
            {
                Nices.Add(ThreadNice());
            }
            inner.Compose(builder);
        }
    }

    [Fact]
    public async Task The_lane_renders_the_same_report_as_a_direct_render_and_many_at_once()
    {
        using var lane = new ReportRenderLane();
        var document = new DistrictBudgetReport(SampleModels.Jiangning(("淳化街道", 1_999_999.99m)));
        var direct = PdfText.All(ReportRenderer.Render(document));

        var pdfs = await Task.WhenAll(Enumerable.Range(0, 3 * Environment.ProcessorCount).Select(_ => lane.RenderAsync(document)));
        Assert.All(pdfs, pdf => Assert.Equal(direct, PdfText.All(pdf)));
        using var stream = new MemoryStream();
        await lane.RenderToAsync(document, stream);
        Assert.Equal(direct, PdfText.All(stream.ToArray()));
        Assert.Contains("1. 淳化街道：预算 ¥1,999,999.99，未达标，差额 ¥0.01", direct);
    }

    [Fact]
    public async Task A_report_that_fails_to_render_fails_its_own_request_and_the_lane_goes_on()
    {
        using var lane = new ReportRenderLane();
        await Assert.ThrowsAsync<ArgumentNullException>(() => lane.RenderAsync(null!));
        var pdf = await lane.RenderAsync(new DistrictBudgetReport(SampleModels.Jiangning()));
        Assert.Contains("街道购买服务预算执行汇总报告", PdfText.All(pdf));
    }

    /// <summary>
    /// Renders run below the request threads' priority (issue 15: a district PDF beside the public listings
    /// doubled their p99 on 2 cores); the thread that asked keeps its own.
    /// </summary>
    [SkippableFact]
    public async Task On_Linux_a_render_runs_below_the_priority_of_the_thread_that_asked()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "thread priorities are lowered on Linux only (setpriority on the thread id)");
        using var lane = new ReportRenderLane();
        var report = new NiceRecordingReport(new DistrictBudgetReport(SampleModels.Jiangning()));
        var asking = ThreadNice();

        await Task.WhenAll(Enumerable.Range(0, 2 * Environment.ProcessorCount).Select(_ => lane.RenderAsync(report)));

        Assert.Equal(2 * Environment.ProcessorCount, report.Nices.Count);
        Assert.All(report.Nices, nice => Assert.Equal(asking + ReportRenderLane.DefaultNice, nice));
        Assert.Equal(asking, ThreadNice());
    }

    /// <summary>
    /// A Linux thread inherits its creator's nice, and the thread pool adds a worker from the thread that queues
    /// work: were the render threads to complete their callers' tasks, a pool thread born there would serve requests
    /// at the lower priority from then on (the test saw one at nice 5). With the pool eager to add threads, no thread
    /// of the process but the render threads ends up below the caller (server GC, as the app: see the csproj).
    /// </summary>
    [SkippableFact]
    public async Task On_Linux_no_thread_but_a_render_thread_ends_up_below_the_caller()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "thread priorities are lowered on Linux only (setpriority on the thread id)");
        var asking = ThreadNice();
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(workers + 64, io); // every queued continuation may start a worker from the queuing thread
        try
        {
            using var lane = new ReportRenderLane();
            var document = new DistrictBudgetReport(SampleModels.Jiangning());
            for (var round = 0; round < 4; round++)
            {
                await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
                {
                    await lane.RenderAsync(document);
                    return ThreadNice(); // the continuation's thread: a pool thread
                }));
            }
            var lowered = Directory.GetDirectories("/proc/self/task")
                .Select(task => (Name: File.ReadAllText(Path.Combine(task, "comm")).Trim(), Nice: NiceOf(File.ReadAllText(Path.Combine(task, "stat")))))
                .Where(t => !t.Name.StartsWith("report-render", StringComparison.Ordinal) && t.Nice != asking)
                .ToList();
            Assert.True(lowered.Count == 0, "below the caller: " + string.Join(", ", lowered.Select(t => $"{t.Name} (nice {t.Nice})")));
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, io);
        }
    }

    /// <summary>The calling thread's nice value: field 19 of /proc/thread-self/stat, counted after the command name.</summary>
    private static int ThreadNice() => NiceOf(File.ReadAllText("/proc/thread-self/stat"));

    private static int NiceOf(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], CultureInfo.InvariantCulture);
    }
}
