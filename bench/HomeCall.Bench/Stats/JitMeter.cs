namespace HomeCall.Bench.Stats;

/// <summary>
/// CPU time of a server's JIT compiler threads over a window. Those threads come and go (.NET's
/// tiered-compilation worker and JavaScriptCore's JIT workers exit when idle, taking their
/// /proc/PID/task entry with them), so two samples would lose a thread that ended in between:
/// each thread is polled every <see cref="Period"/>, and its time is counted from its first
/// sighting in the window (from zero for a thread born in it) to its last.
/// </summary>
internal sealed class JitMeter : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(200);

    private readonly int? _pid;
    private readonly Dictionary<int, (long First, long Last)> _threads = [];
    private readonly Timer? _timer;
    private bool _first = true;

    /// <param name="pid">the server; null measures nothing (no pid given) until <see cref="Record"/> is fed by hand</param>
    internal JitMeter(int? pid)
    {
        _pid = pid;
        Poll();
        _timer = pid is null ? null : new Timer(_ => Poll(), null, Period, Period);
    }

    public static JitMeter Start(int? pid) => new(pid);

    /// <summary>Stops polling and returns the JIT threads' CPU time in the window (zero without a pid).</summary>
    public TimeSpan Stop()
    {
        _timer?.Dispose();
        Poll();
        return Total;
    }

    /// <summary>The JIT threads' CPU time seen so far.</summary>
    public TimeSpan Total
    {
        get
        {
            lock (_threads)
            {
                return ProcessSample.FromTicks(_threads.Values.Sum(t => t.Last - t.First));
            }
        }
    }

    /// <summary>One poll's ticks by thread id: a thread present at the first poll counts from there, one born later from zero.</summary>
    internal void Record(IReadOnlyDictionary<int, long> now)
    {
        lock (_threads)
        {
            foreach (var (tid, ticks) in now)
            {
                _threads[tid] = _threads.TryGetValue(tid, out var seen) ? (seen.First, ticks) : (_first ? ticks : 0, ticks);
            }

            _first = false;
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Poll()
    {
        if (_pid is not { } pid)
        {
            return;
        }

        try
        {
            Record(ProcessSample.JitThreadTicks(pid));
        }
        catch (IOException)
        {
            // The process is gone: the last poll stands.
        }
    }
}
