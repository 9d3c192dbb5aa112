using System.Buffers;
using System.Runtime.CompilerServices;

namespace HomeCall.Daemon.Transport;

/// <summary>The read side of <see cref="ConnectionStream"/>: the buffered chunk, the <see cref="ReadGuard"/>'s pacing and frame budget, and the halt.</summary>
internal sealed partial class ConnectionStream
{
    /// <summary>True when the next byte the framing layer reads is the first of a frame's header.</summary>
    public bool AtFrameStart => _guard.AtFrameStart;

    /// <summary>Payload bytes the current frame's header announced that the framing layer has not been given yet.</summary>
    public ulong FramePayloadLeft => _guard.PayloadLeft;

    private ValueTask<int> ReadNow(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        // Never past the frame being read: the framing layer then holds no bytes of the next
        // frame once it returns a message, and an idle connection can wait outside it (WaitForBytes).
        buffer = buffer[..Math.Min(buffer.Length, _guard.ReadLimit)];
        if (_count > 0)
        {
            return ValueTask.FromResult(Pass(buffer.Span[..Take(buffer.Span)]));
        }

        if (!buffer.IsEmpty && buffer.Length < ReadChunkBytes)
        {
            return FillAndTakeAsync(buffer, cancellationToken);
        }

        // A zero-byte read (waiting for data without a buffer) or a large one straight to the socket.
        var read = _inner.ReadAsync(buffer, cancellationToken);
        if (!read.IsCompletedSuccessfully)
        {
            _guard.Released();
            return buffer.IsEmpty ? read : PassWhenReadAsync(read, buffer);
        }

        return ValueTask.FromResult(Pass(buffer.Span[..read.Result]));
    }

    /// <summary>Counts bytes handed to the framing layer, and notes them for the keep-alive; halts the stream once the frame budget is spent.</summary>
    private int Pass(ReadOnlySpan<byte> bytes)
    {
        if (!_guard.Pass(bytes, _time) && Volatile.Read(ref _halted) is null)
        {
            Halt();
        }

        if (!bytes.IsEmpty)
        {
            _liveness.Heard(_guard.TakePong());
        }

        return bytes.Length;
    }

    private void Halt()
    {
        var halted = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _halted, halted);
        if (Volatile.Read(ref _disposed) == 1)
        {
            halted.TrySetResult(0); // Disposed meanwhile: Dispose may have missed it.
        }

        FrameFlood?.Invoke();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> YieldThenReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        _guard.Released();
        await Task.Yield();
        return await ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> PassWhenReadAsync(ValueTask<int> read, Memory<byte> buffer)
    {
        var n = await read.ConfigureAwait(false);
        return Pass(buffer.Span[..n]);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> FillAndTakeAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
        int n;
        try
        {
            var read = _inner.ReadAsync(chunk, cancellationToken);
            if (!read.IsCompleted)
            {
                _guard.Released();
            }

            n = await read.ConfigureAwait(false);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(chunk);
            throw;
        }

        if (n == 0)
        {
            ArrayPool<byte>.Shared.Return(chunk);
            return 0;
        }

        (_buffer, _rented, _offset, _count) = (chunk, true, 0, n);
        return Pass(destination.Span[..Take(destination.Span)]);
    }

    private int Take(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        var n = Math.Min(destination.Length, _count);
        _buffer.AsSpan(_offset, n).CopyTo(destination);
        _offset += n;
        _count -= n;
        if (_count == 0)
        {
            ReleaseRead();
        }

        return n;
    }

    private void ReleaseRead()
    {
        if (_rented)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        (_buffer, _rented, _offset, _count) = ([], false, 0, 0);
    }
}
