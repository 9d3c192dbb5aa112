using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Load;

/// <summary>
/// The warm-up of `relay`, `churn` and `setup`: the load runs for the fixed warm-up, then on until the
/// server's JIT compiler threads are idle (<see cref="JitIdleDetector"/>) or the cap passes, so the
/// measured window sees the code a long-running server runs, and the start-up JIT cost is reported on its own.
/// </summary>
internal sealed class Warmup(TimeProvider time, Func<IReadOnlyDictionary<int, long>>? readJitTicks)
{
    private const string FixedPhase = "warmup";
    private const string JitPhase = "warmup until JIT idle";

    /// <summary>How often the JIT threads are read (their time comes in USER_HZ ticks of 10 ms).</summary>
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(200);

    /// <summary>The warm-up for a server by pid; without one, the fixed warm-up only.</summary>
    public static Warmup For(int? serverPid) =>
        new(TimeProvider.System, serverPid is { } pid ? () => ProcessSample.JitThreadTicks(pid) : null);

    /// <param name="status">the progress line for a phase name, the seconds elapsed in the warm-up and the phase's longest end</param>
    public async Task<WarmupResult> RunAsync(double fixedSeconds, double capSeconds, Func<string, double, double, string> status, CancellationToken ct)
    {
        if (readJitTicks is not { } read)
        {
            await Ticker.RunAsync(fixedSeconds, t => status(FixedPhase, t, fixedSeconds), ct).ConfigureAwait(false);
            return new WarmupResult(fixedSeconds, TimeSpan.Zero, "fixed");
        }

        using var detector = new JitIdleDetector(TimeSpan.FromSeconds(fixedSeconds), TimeSpan.FromSeconds(capSeconds));
        var started = time.GetTimestamp();
        while (true)
        {
            var elapsed = time.GetElapsedTime(started);
            var state = detector.Observe(elapsed, Read(read));
            if (state != JitIdleState.Busy)
            {
                return new WarmupResult(elapsed.TotalSeconds, detector.JitCpu, state == JitIdleState.Idle ? "jit-idle" : "cap");
            }

            await Task.Delay(Period, time, ct).ConfigureAwait(false);
            var seconds = time.GetElapsedTime(started).TotalSeconds;
            Progress.Update(seconds < fixedSeconds ? status(FixedPhase, seconds, fixedSeconds) : status(JitPhase, seconds, fixedSeconds + capSeconds));
        }
    }

    private static IReadOnlyDictionary<int, long> Read(Func<IReadOnlyDictionary<int, long>> read)
    {
        try
        {
            return read();
        }
        catch (IOException)
        {
            // The server is gone: no JIT thread is left to wait for, and the run reports its failure.
            return new Dictionary<int, long>();
        }
    }
}
