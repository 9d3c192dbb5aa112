namespace HomeCall.Daemon.Transport;

/// <summary>
/// What <see cref="ConnectionStream"/> checks as a client's bytes pass to the framing layer
/// (docs/protocol.md §3.1, docs/security.md):
/// <list type="bullet">
/// <item>Pacing. Socket completions run on the runtime's event threads, and the framing layer
/// loops over control frames and empty fragments inside one receive, so a client whose socket is
/// never empty could hold a thread for as long as it sends. After <see cref="MaxUnbrokenReads"/>
/// reads or <see cref="MaxUnbrokenBytes"/> bytes that found data waiting, the next read first
/// yields the thread, whatever frames the bytes held.</item>
/// <item>Frames that complete no message (<see cref="FrameCounter"/>) take tokens from a
/// <see cref="FrameBudget"/>; past it the stream stops reading and the connection is closed.</item>
/// </list>
/// A struct inside the stream: no object of its own per connection.
/// </summary>
internal struct ReadGuard
{
    /// <summary>Reads served without waiting before the thread is yielded (a 139-byte read of the framing layer holds up to 23 pongs).</summary>
    public const int MaxUnbrokenReads = 128;

    /// <summary>Bytes served without waiting before the thread is yielded (four 64 KiB messages).</summary>
    public const int MaxUnbrokenBytes = 256 * 1024;

    private FrameCounter _frames;
    private FrameBudget _budget;
    private int _reads;
    private int _bytes;

    /// <summary>True when the next read should give up the thread first.</summary>
    public readonly bool YieldDue => _reads >= MaxUnbrokenReads || _bytes >= MaxUnbrokenBytes;

    /// <summary>The thread was given up (a read waited for the socket, or a yield): the count starts again.</summary>
    public void Released() => (_reads, _bytes) = (0, 0);

    /// <summary>True when the next byte passed is the first of a frame (<see cref="FrameCounter.AtFrameStart"/>).</summary>
    public readonly bool AtFrameStart => _frames.AtFrameStart;

    /// <summary>The most bytes that may pass now without any of the next frame's (<see cref="FrameCounter.ReadLimit"/>).</summary>
    public readonly int ReadLimit => _frames.ReadLimit;

    /// <summary>Payload bytes of the frame being read not passed yet (<see cref="FrameCounter.PayloadLeft"/>).</summary>
    public readonly ulong PayloadLeft => _frames.PayloadLeft;

    /// <summary>True when a pong frame began since the last call (<see cref="FrameCounter.TakePong"/>).</summary>
    public bool TakePong() => _frames.TakePong();

    /// <summary>Counts a read that did not wait and the bytes it passed; false once the frame budget is spent.</summary>
    public bool Pass(ReadOnlySpan<byte> bytes, TimeProvider time)
    {
        _reads++;
        _bytes += bytes.Length;
        var frames = _frames.Count(bytes);
        return frames == 0 || _budget.TryTake(frames, time);
    }
}
