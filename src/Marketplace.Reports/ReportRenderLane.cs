using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Marketplace.Reports;

/// <summary>
/// Renders PDFs on threads of their own, below the scheduling priority of the request threads (Linux nice
/// raised by <see cref="DefaultNice"/> unless configured). A district report is 100+ ms of one core; on a
/// 2-core machine a render beside the public listings doubled their p99 (issue 15: 2.12 × idle). When the cores are free a render runs at full speed; when
/// requests want them, the requests go first and the report waits its turn a little longer. As many threads as
/// cores, so renders still run side by side.
/// </summary>
public sealed partial class ReportRenderLane : IDisposable
{
    /// <summary>
    /// Nice 5: weight 335 against a request thread's 1,024 (CFS): a render keeps about a quarter of a contended core, so
    /// the 1,000-street district PDF stays well inside its 2 s under listing load (bench/README.md).
    /// </summary>
    public const int DefaultNice = 5;

    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread[] _threads;
    private readonly int _nice;

    /// <param name="nice">How far below the creating thread renders run (0: the same priority; at most 19).</param>
    public ReportRenderLane(int nice = DefaultNice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nice);
        _nice = nice;
        _threads = [.. Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(i =>
            new Thread(Run) { IsBackground = true, Name = $"report-render-{i}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>The PDF's bytes, rendered on the lane.</summary>
    public Task<byte[]> RenderAsync(IReportDocument document) => RunAsync(() => ReportRenderer.Render(document));

    /// <summary>The PDF written to <paramref name="output"/>, rendered on the lane (a background job's large report).</summary>
    public Task RenderToAsync(IReportDocument document, Stream output) => RunAsync(() =>
    {
        ReportRenderer.RenderTo(document, output);
        return true;
    });

    private Task<T> RunAsync<T>(Func<T> render)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(render());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        return done.Task;
    }

    private void Run()
    {
        LowerOwnPriority();
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    /// <summary>
    /// .NET's Thread.Priority does nothing on Linux; a thread is a task there, and setpriority on its id lowers
    /// that thread alone (raising it would need a privilege, lowering does not). Elsewhere the lane runs at normal priority.
    /// </summary>
    private void LowerOwnPriority()
    {
        if (OperatingSystem.IsLinux() && _nice > 0)
        {
            var thread = gettid();
            var current = getpriority(PrioProcess, thread); // the nice this thread inherited from the one that made it
            _ = setpriority(PrioProcess, thread, Math.Min(19, current + _nice));
        }
    }

    private const int PrioProcess = 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int prio);

    [LibraryImport("libc")]
    private static partial int getpriority(int which, int who);

    [LibraryImport("libc")]
    private static partial int gettid();

    public void Dispose() => _work.CompleteAdding();
}
