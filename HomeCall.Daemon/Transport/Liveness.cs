namespace HomeCall.Daemon.Transport;

/// <summary>
/// One connection's keep-alive state (docs/protocol.md §3.7), checked by the shared
/// <see cref="KeepAliveSweep"/>: a ping is due after PING_INTERVAL_MS in which nothing was
/// read from the client, and once sent only a pong answers it; no pong within the timeout
/// drops the connection. The reading thread only raises flags (<see cref="Heard"/>); every
/// timestamp is kept by the sweep, one thread at a time. A struct inside the connection's
/// stream: no object, timer or clock reading of its own per connection.
/// </summary>
internal struct Liveness
{
    private const int HeardFlag = 1;
    private const int PongFlag = 2;

    private int _flags;
    private bool _awaitingPong;
    private long _since;

    /// <summary>Starts counting silence from <paramref name="openedAt"/> (a <see cref="TimeProvider"/> timestamp).</summary>
    public Liveness(long openedAt) => _since = openedAt;

    /// <summary>What <see cref="Check"/> asks of the connection.</summary>
    public enum Step : byte
    {
        None,
        Ping,
        TimedOut,
    }

    /// <summary>Bytes of the client were read; <paramref name="pong"/> when they began a pong frame (reading thread).</summary>
    public void Heard(bool pong)
    {
        var flags = pong ? HeardFlag | PongFlag : HeardFlag;
        if ((Volatile.Read(ref _flags) & flags) != flags)
        {
            Interlocked.Or(ref _flags, flags);
        }
    }

    /// <summary>
    /// The sweep's look at the connection at <paramref name="now"/>; intervals in timestamp
    /// units. <see cref="Step.Ping"/> means a ping is now awaited from this moment.
    /// </summary>
    public Step Check(long now, long intervalTicks, long timeoutTicks)
    {
        var flags = Interlocked.Exchange(ref _flags, 0);
        if (_awaitingPong)
        {
            if ((flags & PongFlag) == 0)
            {
                return now - _since >= timeoutTicks ? Step.TimedOut : Step.None;
            }

            _awaitingPong = false;
            _since = now;
            return Step.None;
        }

        if ((flags & HeardFlag) != 0)
        {
            // As the framing layer's own keep-alive did: anything read from the client puts the next ping off.
            _since = now;
            return Step.None;
        }

        if (now - _since < intervalTicks)
        {
            return Step.None;
        }

        _awaitingPong = true;
        _since = now;
        return Step.Ping;
    }
}
