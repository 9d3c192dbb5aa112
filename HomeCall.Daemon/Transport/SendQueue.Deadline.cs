namespace HomeCall.Daemon.Transport;

/// <summary>
/// The send deadline of a <see cref="SendQueue"/>: SEND_TIMEOUT_MS (docs/protocol.md §10.2) for the one
/// write of a connection that is waiting on the socket: when it passes, the connection is aborted,
/// which fails the write and ends the receive loop. Only a write the socket could not take at once
/// ever waits, so the timer is made the first time one does (a slow reader) and then reused:
/// connections that keep up, the vast majority, never hold a timer and spend no timer operations
/// per message. Its state is guarded by the connection's one lock (<see cref="_gate"/>).
/// </summary>
internal sealed partial class SendQueue
{
    private ITimer? _deadlineTimer;
    private TimeSpan _deadlineLimit;
    private bool _writeWaiting;
    private bool _deadlineDisposed;
    private volatile bool _deadlinePassed;

    /// <summary>True while a write waits on the socket under the send deadline (tests wait for it).</summary>
    public bool IsWriteWaiting
    {
        get
        {
            lock (_gate)
            {
                return _writeWaiting;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _deadlineDisposed = true;
            _deadlineTimer?.Dispose();
        }
    }

    /// <summary>
    /// Lowers the limit for this and every later wait (a reader past the queue bound gets only a
    /// grace); a write waiting now is bounded by the new limit from now. Called with the gate held.
    /// </summary>
    private void LowerDeadlineLocked(TimeSpan lower)
    {
        if (lower >= _deadlineLimit)
        {
            return;
        }

        _deadlineLimit = lower;
        if (_writeWaiting)
        {
            ArmDeadline();
        }
    }

    /// <summary>Awaits a write the socket could not take at once; it fails if the deadline passes first.</summary>
    private async ValueTask WaitUnderDeadlineAsync(ValueTask write)
    {
        lock (_gate)
        {
            _writeWaiting = true;
            if (_deadlineDisposed)
            {
                _ws.Abort(); // The connection ended meanwhile: nothing may wait any more.
            }
            else
            {
                ArmDeadline();
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
                _writeWaiting = false;
                if (!_deadlineDisposed)
                {
                    _deadlineTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    /// <summary>Called with the gate held.</summary>
    private void ArmDeadline()
    {
        _deadlineTimer ??= _services.Time.CreateTimer(static s => ((SendQueue)s!).PassDeadline(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _deadlineTimer.Change(_deadlineLimit, Timeout.InfiniteTimeSpan);
    }

    private void PassDeadline()
    {
        _deadlinePassed = true;
        _ws.Abort();
    }
}
