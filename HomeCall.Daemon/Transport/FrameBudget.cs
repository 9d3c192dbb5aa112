namespace HomeCall.Daemon.Transport;

/// <summary>
/// A connection's allowance of frames that complete no message (pings, pongs, fragments; see
/// <see cref="FrameCounter"/>): a token bucket of <see cref="Burst"/> frames refilled at
/// <see cref="PerSecond"/>. A client past it is closed with 1008 (docs/protocol.md §3.1, §10).
/// Browsers send one pong per ping and never fragment, so only a flood comes near it. A struct
/// inside the connection's stream, full until first used: an idle connection pays no object for it.
/// </summary>
internal struct FrameBudget
{
    /// <summary>Frames that complete no message a connection may send at once.</summary>
    public const int Burst = 4096;

    /// <summary>The sustained allowance: e.g. 16 messages a second in 64 fragments each.</summary>
    public const int PerSecond = 1024;

    private double _spent;
    private long _last;

    /// <summary>Takes <paramref name="frames"/> tokens; false when the bucket ran dry.</summary>
    public bool TryTake(int frames, TimeProvider time)
    {
        var now = time.GetTimestamp();
        if (_spent > 0)
        {
            _spent = Math.Max(0, _spent - (time.GetElapsedTime(_last, now).TotalSeconds * PerSecond));
        }

        _last = now;
        _spent += frames;
        return _spent <= Burst;
    }
}
