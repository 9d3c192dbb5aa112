using System.Diagnostics;
using System.Net.WebSockets;
using HomeCall.Bench.Net;
using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Load;

/// <summary>
/// The timed part shared by `churn` and `setup`: workers each repeat one unit of work (a whole
/// session, one connection's set-up) back to back until the run stops; units that finish inside the
/// measuring window are counted and timed, failures are counted with the first one's reason.
/// </summary>
internal sealed class SessionLoop(RunClock clock, Func<int, long, CancellationToken, Task> unit)
{
    private const int MaxWorkerUnits = 100_000_000;

    private long _completed;
    private long _windowCompleted;
    private long _failed;
    private string? _firstFailure;

    public long Completed => Interlocked.Read(ref _completed);

    public long WindowCompleted => Interlocked.Read(ref _windowCompleted);

    public long Failed => Interlocked.Read(ref _failed);

    public string? FirstFailure => _firstFailure;

    /// <summary>One loop per worker; each records the duration of its units into its own histogram.</summary>
    public Task[] Start(IReadOnlyList<LatencyHistogram> histograms, CancellationToken ct) =>
        histograms.Select((h, w) => WorkerAsync(w, h, ct)).ToArray();

    private async Task WorkerAsync(int worker, LatencyHistogram unitTime, CancellationToken ct)
    {
        await Task.Yield();
        // One deadline per unit, re-armed for the next (not a timer per step): a unit that is
        // stuck anywhere fails after BenchClient.StepTimeout.
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            for (var n = 0; n < MaxWorkerUnits && clock.Phase != Phase.Stopping && !ct.IsCancellationRequested; n++)
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
        var measuring = clock.Phase == Phase.Measuring;
        try
        {
            await unit(worker, index, deadline).ConfigureAwait(false);
            Interlocked.Increment(ref _completed);
            if (measuring && clock.Phase == Phase.Measuring)
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
