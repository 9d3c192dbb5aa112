using System.Net.WebSockets;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// SEND_TIMEOUT_MS (docs/protocol.md §10.2) for the one write of a connection that is waiting on the socket:
/// when it passes, the connection is aborted, which fails the write and ends the receive
/// loop. Only a write the socket could not take at once ever waits, so the timer is made
/// the first time one does (a slow reader) and then reused: connections that keep up, the
/// vast majority, never hold a timer and spend no timer operations per message.
/// </summary>
/// <param name="gate">The connection's lock (shared with its send queue and stream: one per connection).</param>
internal sealed class SendDeadline(TimeProvider time, WebSocket ws, TimeSpan limit, Lock gate) : IDisposable
{
    private readonly Lock _gate = gate;
    private ITimer? _timer;
    private TimeSpan _limit = limit;
    private bool _waiting;
    private bool _disposed;
    private volatile bool _passed;

    /// <summary>True while a write waits on the socket under the deadline.</summary>
    public bool IsWaiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting;
            }
        }
    }

    /// <summary>True once a deadline passed (the connection was aborted).</summary>
    public bool HasPassed => _passed;

    /// <summary>
    /// Lowers the limit for this and every later wait (a reader past the queue bound gets only a
    /// grace); a write waiting now is bounded by the new limit from now.
    /// </summary>
    public void Lower(TimeSpan lower)
    {
        lock (_gate)
        {
            if (lower >= _limit)
            {
                return;
            }

            _limit = lower;
            if (_waiting)
            {
                Arm();
            }
        }
    }

    /// <summary>Awaits a write the socket could not take at once; it fails if the deadline passes first.</summary>
    public async ValueTask WaitAsync(ValueTask write)
    {
        lock (_gate)
        {
            _waiting = true;
            if (_disposed)
            {
                ws.Abort(); // The connection ended meanwhile: nothing may wait any more.
            }
            else
            {
                Arm();
            }
        }

        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiting = false;
                if (!_disposed)
                {
                    _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }

    /// <summary>Called with the gate held.</summary>
    private void Arm()
    {
        _timer ??= time.CreateTimer(static s => ((SendDeadline)s!).Pass(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(_limit, Timeout.InfiniteTimeSpan);
    }

    private void Pass()
    {
        _passed = true;
        ws.Abort();
    }
}
