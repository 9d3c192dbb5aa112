namespace HomeCall.Bench.Stats;

/// <summary>
/// Decides when a warm-up may end: after the fixed warm-up, once the server's JIT compiler threads
/// (<see cref="ProcessSample.JitThreadNames"/>) used less than <see cref="IdleCoreFraction"/> of one core
/// over the last <see cref="IdleWindow"/>, or once <c>cap</c> more has passed. .NET's tiered compilation
/// keeps promoting hot methods for tens of seconds under load (bench/profile.md, "Relay CPU and tail
/// latency"); a long-running server pays that once per start, so the measured window should begin after it.
/// Fed by hand (time since the warm-up began, each JIT thread's CPU ticks), so it runs on any clock.
/// </summary>
internal sealed class JitIdleDetector : IDisposable
{
    /// <summary>How far back "the JIT threads' CPU lately" looks.</summary>
    public static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(1);

    /// <summary>Below 2 % of one core (20 ms a second, two USER_HZ ticks) the JIT threads count as idle.</summary>
    public const double IdleCoreFraction = 0.02;

    private readonly TimeSpan _minimum;
    private readonly TimeSpan _cap;
    private readonly JitMeter _meter = new(pid: null);
    private readonly List<(TimeSpan At, TimeSpan Total)> _history = [];

    /// <param name="minimum">the fixed warm-up: never idle before it</param>
    /// <param name="cap">the longest extra wait after <paramref name="minimum"/> for the JIT threads to go idle</param>
    public JitIdleDetector(TimeSpan minimum, TimeSpan cap)
    {
        _minimum = minimum;
        _cap = cap;
    }

    /// <summary>The JIT threads' CPU time since the first sample (threads seen then count from there, later ones from zero).</summary>
    public TimeSpan JitCpu => _meter.Total;

    /// <summary>One sample: <paramref name="elapsed"/> since the warm-up began, and each JIT thread's CPU ticks by thread id.</summary>
    public JitIdleState Observe(TimeSpan elapsed, IReadOnlyDictionary<int, long> jitTicks)
    {
        _meter.Record(jitTicks);
        _history.Add((elapsed, _meter.Total));
        if (elapsed < _minimum)
        {
            return JitIdleState.Busy;
        }

        if (RecentCoreFraction(elapsed) is { } fraction && fraction < IdleCoreFraction)
        {
            return JitIdleState.Idle;
        }

        return elapsed >= _minimum + _cap ? JitIdleState.CapReached : JitIdleState.Busy;
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>The JIT threads' share of one core since the latest sample at least <see cref="IdleWindow"/> old; null without one.</summary>
    private double? RecentCoreFraction(TimeSpan now)
    {
        var from = _history.FindLastIndex(h => h.At <= now - IdleWindow);
        if (from < 0)
        {
            return null;
        }

        // Older samples are no longer needed: the next window starts at or after this one.
        _history.RemoveRange(0, from);
        var (at, total) = _history[0];
        return (_meter.Total - total) / (now - at);
    }
}
