using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Marketplace.Reports;

/// <summary>
/// Renders PDFs on threads of their own, below the scheduling priority of the request threads (Linux nice
/// raised by <see cref="DefaultNice"/> unless configured). A district report is 100+ ms of one core; on a
/// 2-core machine a render beside the public listings doubled their p99 (issue 15: 1.94 × idle). When the
/// cores are free a render runs at full speed; when requests want them, the requests go first and the report
/// waits its turn a little longer. As many threads as cores, so renders still run side by side.
/// </summary>
/// <remarks>
/// A Linux thread inherits the nice of the thread that creates it, and the thread pool adds a worker from the
/// thread that queues work when it wants one. So a render thread never completes its caller's task itself
/// (the continuation queued from it could start a pool thread that serves requests at the lower priority for
/// the rest of its life): it hands the result to one completing thread at the creator's priority. The runtime's
/// own threads are made where the runtime decides: with server GC (the app's setting) background GC threads are
/// made by GC threads; with workstation GC a render thread that starts the first background GC would make that
/// thread at its priority (seen in ReportRenderLaneTests before the test project ran server GC), and the JIT's
/// tier-up worker, made by whichever thread first needs it, may be made by a render thread (it ends when idle).
/// </remarks>
public sealed partial class ReportRenderLane : IDisposable
{
    /// <summary>
    /// Nice 5: weight 335 against a request thread's 1,024 (CFS): a render keeps about a quarter of a contended core, so
    /// the 1,000-street district PDF stays well inside its 2 s under listing load (bench/README.md).
    /// </summary>
    public const int DefaultNice = 5;

    private readonly BlockingCollection<Func<Action>> _work = new();
    private readonly BlockingCollection<Action> _completions = new();
    private readonly int _nice;
    private int _rendering;

    /// <param name="nice">How far below the creating thread renders run (0: the same priority; at most 19).</param>
    public ReportRenderLane(int nice = DefaultNice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nice);
        _nice = nice;
        Start(Complete, "report-complete");
        _rendering = Math.Max(1, Environment.ProcessorCount);
        for (var i = 0; i < _rendering; i++)
        {
            Start(Render, $"report-render-{i}");
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
        // Runs on a render thread; what it returns runs on the completing thread.
        _work.Add(() =>
        {
            try
            {
                var result = render();
                return () => done.SetResult(result);
            }
            catch (Exception ex)
            {
                return () => done.SetException(ex);
            }
        });
        return done.Task;
    }

    private static void Start(Action loop, string name) => new Thread(() => loop()) { IsBackground = true, Name = name }.Start();

    private void Render()
    {
        LowerOwnPriority();
        foreach (var work in _work.GetConsumingEnumerable())
        {
            _completions.Add(work());
        }
        if (Interlocked.Decrement(ref _rendering) == 0)
        {
            _completions.CompleteAdding(); // the last render thread out lets the completing thread end
        }
    }

    private void Complete()
    {
        foreach (var complete in _completions.GetConsumingEnumerable())
        {
            complete();
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

    /// <summary>Renders already asked for finish and complete; the threads then end.</summary>
    public void Dispose() => _work.CompleteAdding();
}
