namespace HomeCall.Daemon.Transport;

/// <summary>The closing side of a <see cref="WebSocketConnection"/>: shutdown, the peer's close answered, a frame flood, the close handshake's timer, the abort.</summary>
internal sealed partial class WebSocketConnection
{
    /// <summary>The server is stopping: the observer says so, then the close 1001 follows; only the first call acts.</summary>
    public void CloseForShutdown()
    {
        if (Interlocked.Exchange(ref _shutdownMarked, 1) == 0)
        {
            _observer?.OnShutdown();
            Close(CloseStatus.GoingAway, "server shutting down");
        }
    }

    /// <summary>Aborts the socket at once (shutdown grace over, a pong overdue, or a fatal error).</summary>
    public void Abort() => _ws.Abort();

    /// <summary>Our close frame went out: the peer has CloseHandshakeTimeout to answer before the socket is aborted (which ends the receive).</summary>
    private void StartCloseTimer()
    {
        var timer = _services.Time.CreateTimer(static s => ((WebSocketConnection)s!).Abort(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (Interlocked.CompareExchange(ref _closeTimer, timer, null) is null)
        {
            timer.Change(CloseHandshakeTimeout, Timeout.InfiniteTimeSpan);
        }
        else
        {
            timer.Dispose();
        }
    }

    /// <summary>The stream stopped reading a client that spent its frame budget (docs/protocol.md §3.1): close it.</summary>
    private void OnFrameFlood()
    {
        _log.Warning(
            "Over {FrameBurst} frames that complete no message (pings, pongs, fragments) at more than {FramesPerSecond} a second, closing with {CloseStatus}",
            FrameBudget.Burst,
            FrameBudget.PerSecond,
            CloseStatus.PolicyViolation);
        _services.Drains.RunHere(this, static c => c.Close(CloseStatus.PolicyViolation, "too many frames"));
    }

    private void AnswerPeerClose()
    {
        // RFC 6455 §5.5.1: echo the peer's status in our close frame, written on this thread.
        var status = (int?)_ws.CloseStatus ?? CloseStatus.Normal;
        _services.Drains.RunHere((Connection: this, Status: status), static s => s.Connection.Close(s.Status, ""));
    }

    public void Dispose()
    {
        _ws.Dispose();
        _stream.ReleaseAfterReading(); // Disposed by the receive loop's end: nothing reads any more.
        _closeTimer?.Dispose();
        _sends.Dispose();
    }
}
