namespace HomeCall.Daemon.Transport;

/// <summary>
/// A cancellation token for one send at a time, cancelled when a re-armable deadline on the
/// injected clock passes (SEND_TIMEOUT_MS, spec §2). One timer serves every send of a
/// connection. (CancellationTokenSource.TryReset fails for any TimeProvider but the system
/// one, so a token source with its own timer cannot be reused under a test clock.)
/// </summary>
internal sealed class SendDeadline : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly ITimer _timer;

    public SendDeadline(TimeProvider time)
    {
        _timer = time.CreateTimer(static s => ((SendDeadline)s!).Passed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancelled once a deadline passed; it stays cancelled (the connection is aborted by then).</summary>
    public CancellationToken Token => _cts.Token;

    public bool HasPassed => _cts.IsCancellationRequested;

    /// <summary>Starts (or moves) the deadline; false when already disposed.</summary>
    public bool TryArm(TimeSpan after)
    {
        try
        {
            return _timer.Change(after, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>The send completed: no deadline until the next one is armed.</summary>
    public void Disarm() => TryArm(Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _timer.Dispose();
        _cts.Dispose();
    }

    private void Passed()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection ended as the timer fired: nothing left to abort.
        }
    }
}
