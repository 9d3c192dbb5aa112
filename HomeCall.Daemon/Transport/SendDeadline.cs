using System.Net.WebSockets;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// SEND_TIMEOUT_MS (spec §2) for the one write of a connection that is waiting on the socket:
/// when it passes, the connection is aborted, which fails the write and ends the receive
/// loop. Only a write the socket could not take at once ever waits, so the timer is made
/// the first time one does (a slow reader) and then reused: connections that keep up, the
/// vast majority, never hold a timer and spend no timer operations per message.
/// Not thread-safe on its own: the send queue calls it with its gate held.
/// </summary>
internal sealed class SendDeadline(TimeProvider time, WebSocket ws) : IDisposable
{
    private ITimer? _timer;
    private bool _disposed;
    private volatile bool _passed;

    /// <summary>True once a deadline passed (the connection was aborted).</summary>
    public bool HasPassed => _passed;

    /// <summary>Starts (or moves) the deadline; false when already disposed.</summary>
    public bool TryArm(TimeSpan after)
    {
        if (_disposed)
        {
            return false;
        }

        _timer ??= time.CreateTimer(static s => ((SendDeadline)s!).Pass(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(after, Timeout.InfiniteTimeSpan);
        return true;
    }

    /// <summary>The waiting write completed: no deadline until the next one waits.</summary>
    public void Disarm()
    {
        if (!_disposed)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
    }

    private void Pass()
    {
        _passed = true;
        ws.Abort();
    }
}
