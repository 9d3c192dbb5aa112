using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// The keep-alive of every open connection (docs/protocol.md §3.7) on one timer: each visit
/// pings a connection from which nothing was read for PING_INTERVAL_MS and aborts one whose
/// pong is PING_INTERVAL_MS overdue (no close frame: the client sees 1006). The framing
/// layer's own keep-alive cost every connection a timer and its state (idle memory per
/// connection); here a connection keeps only its <see cref="Liveness"/> fields.
/// </summary>
internal sealed class KeepAliveSweep : IDisposable
{
    /// <summary>
    /// Visits per PING_INTERVAL_MS: a ping or a drop comes at most 1/8 of an interval late (the
    /// framing layer's keep-alive looked 4 times per interval), and a visit to 19,000 idle
    /// connections every 3 s (the default interval) costs little.
    /// </summary>
    public const int VisitsPerInterval = 8;

    private readonly ConnectionLedger _ledger;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _period;
    private readonly long _intervalTicks;
    private readonly List<WebSocketConnection> _visiting = [];
    private readonly Lock _timerGate = new();
    private ITimer? _timer;
    private bool _disposed;

    /// <param name="interval">PING_INTERVAL_MS: both the quiet time before a ping and the time allowed for its pong.</param>
    public KeepAliveSweep(ConnectionLedger ledger, TimeSpan interval, TimeProvider time, ILogger log)
    {
        _ledger = ledger;
        _time = time;
        _log = log.ForContext<KeepAliveSweep>();
        _interval = interval;
        _period = interval / VisitsPerInterval;
        _intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Starts the visits (once).</summary>
    public void Start()
    {
        lock (_timerGate)
        {
            if (!_disposed && _timer is null)
            {
                // One shot, armed again after each visit: a slow visit is never overlapped by the next.
                _timer = _time.CreateTimer(static s => ((KeepAliveSweep)s!).Visit(), this, _period, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_timerGate)
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }

    /// <summary>One pass over the connections open now; the ledger's lock is held only to copy them.</summary>
    private void Visit()
    {
        try
        {
            var now = _time.GetTimestamp();
            _ledger.CopyOpen(_visiting);
            foreach (var connection in _visiting)
            {
                VisitOne(connection, now);
            }
        }
        catch (Exception ex)
        {
            // A timer callback's exception would end the process; the next visit tries again.
            _log.Error(ex, "Unexpected error in the keep-alive sweep");
        }
        finally
        {
            _visiting.Clear(); // Ended connections are not kept alive until the next visit.
            lock (_timerGate)
            {
                if (!_disposed)
                {
                    _timer?.Change(_period, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    private void VisitOne(WebSocketConnection connection, long now)
    {
        try
        {
            if (connection.CheckLiveness(now, _intervalTicks, _intervalTicks) == Liveness.Step.TimedOut)
            {
                connection.Log.Debug("No pong within {TimeoutMs} ms of a ping, dropping the connection", _interval.TotalMilliseconds);
                connection.Abort();
            }
        }
        catch (Exception ex)
        {
            // One connection's fault must not stop the keep-alive of the others.
            connection.Log.Error(ex, "Unexpected error in the keep-alive of a connection");
        }
    }
}
