using System.Diagnostics;
using System.Net.WebSockets;
using HomeCall.Bench.Net;
using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Load;

/// <summary>
/// The timed part shared by `churn` and `setup`: workers each repeat one unit of work (a whole
/// session, one connection's set-up) back to back through a warm-up and a measuring window; units
/// that finish inside the window are counted and timed, failures are counted with the first one's reason.
/// </summary>
internal sealed class SessionLoop(Func<int, long, CancellationToken, Task> unit)
{
    private const int MaxWorkerUnits = 100_000_000;
    private static readonly TimeSpan FinishTimeout = TimeSpan.FromSeconds(30);

    private readonly RunClock _clock = new();

    private long _completed;
    private long _windowCompleted;
    private long _failed;
    private string? _firstFailure;

    public long Completed => Interlocked.Read(ref _completed);

    public long WindowCompleted => Interlocked.Read(ref _windowCompleted);

    public long Failed => Interlocked.Read(ref _failed);

    public string? FirstFailure => _firstFailure;

    /// <summary>
    /// Runs <paramref name="workers"/> loops through the warm-up and the window, samples the server
    /// (<paramref name="serverPid"/>) and this process at both ends of the window, and waits for the loops to end.
    /// The warm-up runs <paramref name="warmupSeconds"/>, then up to <paramref name="jitWaitSeconds"/> more until the server's JIT is idle.
    /// </summary>
    /// <param name="status">the progress line for a phase name, the seconds elapsed in it and its length</param>
    public async Task<LoopWindow> RunAsync(int workers, double warmupSeconds, double jitWaitSeconds, double durationSeconds, int? serverPid,
        Func<string, double, double, string> status, CancellationToken ct)
    {
        var histograms = Enumerable.Range(0, workers).Select(_ => new LatencyHistogram()).ToArray();
        var loops = histograms.Select((h, w) => WorkerAsync(w, h, ct)).ToArray();
        var warmup = await Warmup.For(serverPid).RunAsync(warmupSeconds, jitWaitSeconds, status, ct).ConfigureAwait(false);
        var before = ProcessSample.Read(serverPid);
        using var jit = JitMeter.Start(serverPid);
        var clientBefore = ProcessSample.Read(Environment.ProcessId);
        var started = Stopwatch.GetTimestamp();
        _clock.Phase = Phase.Measuring;
        await Ticker.RunAsync(durationSeconds, t => status("measuring", t, durationSeconds), ct).ConfigureAwait(false);
        _clock.Phase = Phase.Stopping;
        var after = ProcessSample.Read(serverPid);
        var jitCpu = jit.Stop();
        var clientAfter = ProcessSample.Read(Environment.ProcessId);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.WhenAll(loops).WaitAsync(FinishTimeout, ct).ConfigureAwait(false);
        Progress.Done();

        var unitTime = new LatencyHistogram();
        foreach (var h in histograms)
        {
            unitTime.Add(h);
        }

        return new LoopWindow(warmup, before, after, clientBefore, clientAfter, jitCpu, seconds, unitTime);
    }

    private async Task WorkerAsync(int worker, LatencyHistogram unitTime, CancellationToken ct)
    {
        await Task.Yield();
        // One deadline per unit, re-armed for the next (not a timer per step): a unit that is
        // stuck anywhere fails after BenchClient.StepTimeout.
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            for (var n = 0; n < MaxWorkerUnits && _clock.Phase != Phase.Stopping && !ct.IsCancellationRequested; n++)
            {
                if (!deadline.TryReset())
                {
                    deadline.Dispose();
                    deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                }

                deadline.CancelAfter(BenchClient.StepTimeout);
                if (!await TimedUnitAsync(worker, ((long)worker * MaxWorkerUnits) + n, unitTime, deadline.Token, ct).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        finally
        {
            deadline.Dispose();
        }
    }

    /// <summary>One unit, counted and timed; false once the run itself was cancelled.</summary>
    private async Task<bool> TimedUnitAsync(int worker, long index, LatencyHistogram unitTime, CancellationToken deadline, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var measuring = _clock.Phase == Phase.Measuring;
        try
        {
            await unit(worker, index, deadline).ConfigureAwait(false);
            Interlocked.Increment(ref _completed);
            if (measuring && _clock.Phase == Phase.Measuring)
            {
                Interlocked.Increment(ref _windowCompleted);
                unitTime.Record((long)Stopwatch.GetElapsedTime(started).TotalNanoseconds);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or System.Net.Sockets.SocketException or HandshakeException
            or OperationCanceledException or System.Text.Json.JsonException)
        {
            if (ct.IsCancellationRequested)
            {
                return false;
            }

            Interlocked.Increment(ref _failed);
            _firstFailure ??= $"{ex.GetType().Name}: {ex.Message}";
        }

        return true;
    }
}
