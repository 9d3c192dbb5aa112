namespace HomeCall.Daemon.Transport;

/// <summary>What the signaling core keeps for one open connection; the transport calls it from the connection's receive loop, one call at a time.</summary>
internal interface IConnectionObserver
{
    /// <summary>One complete text message; the memory is valid only during the call.</summary>
    void OnText(ReadOnlyMemory<byte> utf8);

    void OnBinary();

    /// <summary>The server is stopping: say so before the transport closes with 1001.</summary>
    void OnShutdown();

    /// <summary>Called once, after the connection ended for any reason.</summary>
    void OnClosed();

    /// <summary>
    /// Work the observer waits for before it may handle another message (a join the auth
    /// webhook decides, docs/protocol.md §12.4), or null. The receive loop reads nothing more
    /// until it completes, then calls <see cref="OnResumed"/>: later messages keep their order.
    /// </summary>
    Task? Pending => null;

    /// <summary>The <see cref="Pending"/> work completed: finish what waited for it.</summary>
    void OnResumed()
    {
    }
}
