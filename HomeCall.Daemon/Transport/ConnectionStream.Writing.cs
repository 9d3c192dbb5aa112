using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace HomeCall.Daemon.Transport;

/// <summary>The write side of <see cref="ConnectionStream"/>: every write to the inner stream, in order, the batch's included.</summary>
internal sealed partial class ConnectionStream
{
    /// <summary>Writes that went to the socket's awaited path and have not completed (under <see cref="Gate"/>).</summary>
    private int _awaitedWrites;

    /// <summary>
    /// Writes <paramref name="bytes"/> after every earlier write. On a socket it first sends what the
    /// socket takes at once; the rest (a reader that fell behind) is awaited. A direct send never
    /// overtakes an awaited one: while one is in flight, later writes queue behind it on the socket.
    /// </summary>
    private ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (_socket is null)
        {
            return _inner.WriteAsync(bytes, cancellationToken);
        }

        lock (Gate)
        {
            if (_awaitedWrites == 0)
            {
                int sent;
                try
                {
                    sent = NonBlockingSend.Send(_socket, bytes.Span, out var error);
                    if (error != SocketError.Success)
                    {
                        // As a NetworkStream reports a failed write.
                        return ValueTask.FromException(new IOException("Unable to write data to the transport connection.", new SocketException((int)error)));
                    }
                }
                catch (ObjectDisposedException ex)
                {
                    return ValueTask.FromException(ex);
                }

                if (sent == bytes.Length)
                {
                    return ValueTask.CompletedTask;
                }

                bytes = bytes[sent..];
            }

            // Started under the gate, so the socket queues it before any later write.
            var write = _inner.WriteAsync(bytes, cancellationToken);
            if (write.IsCompleted)
            {
                return write;
            }

            _awaitedWrites++;
            return CountWhenWrittenAsync(write);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask CountWhenWrittenAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            lock (Gate)
            {
                _awaitedWrites--;
            }
        }
    }

    /// <summary>The gathered bytes and their count, the batch left empty (called with the gate held).</summary>
    private (byte[]? Gathered, int Count) TakeBatch()
    {
        var taken = (_batchCount == 0 ? null : _batch, _batchCount);
        if (taken.Item1 is not null)
        {
            (_batch, _batchCount) = (null, 0);
        }

        return taken;
    }

    /// <summary>A write that does not fit the batch: what was gathered goes first, then the write itself.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteGatheredThenAsync(byte[] gathered, int count, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        await WriteGatheredAsync(gathered, count, cancellationToken).ConfigureAwait(false);
        await SendAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes gathered bytes; the buffer goes back to the pool even when the write fails.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteGatheredAsync(byte[] gathered, int count, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(gathered.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(gathered);
        }
    }
}
