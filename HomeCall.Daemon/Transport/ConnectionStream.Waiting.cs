using System.Buffers;
using System.Runtime.CompilerServices;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// The idle side of <see cref="ConnectionStream"/>: the connection waits for a client's next frame
/// here, outside the framing layer, so an idle connection holds none of the framing layer's
/// receive state. Reads are bounded to the frame being read (<see cref="ReadGuard.ReadLimit"/>), so
/// once the framing layer returned a whole message every byte it has not taken is still here.
/// Whole pongs at a frame's start (the answers to the keep-alive's pings) are taken here too, counted
/// and noted like any frame: the framing layer only ignores them (RFC 6455 §5.5.3), and handing them to
/// it would keep its receive pending until the client's next message.
/// </summary>
internal sealed partial class ConnectionStream
{
    /// <summary>
    /// Completes once bytes may wait to be read: at once when some are buffered, else a zero-byte
    /// read of the socket (no buffer held while idle). Follow it with <see cref="FillAsync"/>.
    /// </summary>
    public ValueTask<int> WaitForBytes() => HoldsFrameBytes() ? ValueTask.FromResult(_count) : ReadAsync(Memory<byte>.Empty);

    /// <summary>
    /// Reads what the socket holds into a pooled chunk (after <see cref="WaitForBytes"/>, it seldom
    /// waits), taking whole pongs at a frame's start. True when a frame's bytes wait for the framing
    /// layer, or when it must read on to learn the stream ended or failed; false when only pongs came.
    /// </summary>
    public ValueTask<bool> FillAsync()
    {
        if (HoldsFrameBytes() || Volatile.Read(ref _halted) is not null || Volatile.Read(ref _disposed) == 1)
        {
            return ValueTask.FromResult(true);
        }

        var chunk = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
        ValueTask<int> read;
        try
        {
            read = _inner.ReadAsync(chunk);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(chunk);
            throw;
        }

        if (read.IsCompletedSuccessfully)
        {
            return ValueTask.FromResult(Filled(chunk, read.Result));
        }

        _guard.Released();
        return FilledWhenReadAsync(chunk, read);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FilledWhenReadAsync(byte[] chunk, ValueTask<int> read)
    {
        int n;
        try
        {
            n = await read.ConfigureAwait(false);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(chunk);
            throw;
        }

        return Filled(chunk, n);
    }

    /// <summary>Keeps the <paramref name="n"/> bytes read into <paramref name="chunk"/>; true unless they were only pongs.</summary>
    private bool Filled(byte[] chunk, int n)
    {
        if (n == 0)
        {
            ArrayPool<byte>.Shared.Return(chunk);
            return true; // The end of the stream: the framing layer reads it and reports it.
        }

        (_buffer, _rented, _offset, _count) = (chunk, true, 0, n);
        return HoldsFrameBytes() || Volatile.Read(ref _halted) is not null;
    }

    /// <summary>
    /// True when buffered bytes wait for the framing layer, once whole pongs at a frame's start were
    /// taken. Each pong taken counts as a read for the pacing: past an unbroken run the rest is left
    /// to the framing layer, whose next read yields the thread first.
    /// </summary>
    private bool HoldsFrameBytes()
    {
        while (_count > 0 && _guard.AtFrameStart && !_guard.YieldDue && Volatile.Read(ref _halted) is null
            && FrameCounter.WholePongLength(_buffer.AsSpan(_offset, _count)) is var pong and > 0)
        {
            var frame = _buffer.AsSpan(_offset, pong);
            (_offset, _count) = (_offset + pong, _count - pong);
            Pass(frame);
            if (_count == 0)
            {
                ReleaseRead();
            }
        }

        return _count > 0;
    }
}
