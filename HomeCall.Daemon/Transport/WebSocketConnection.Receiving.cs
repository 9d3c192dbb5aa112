using System.Buffers;
using System.Runtime.CompilerServices;
using System.Net.WebSockets;

namespace HomeCall.Daemon.Transport;

/// <summary>The receiving side of a <see cref="WebSocketConnection"/>: one message read within MAX_MESSAGE_BYTES and handed to the observer.</summary>
internal sealed partial class WebSocketConnection
{
    /// <summary>Reads the rest of one message and dispatches it; false when the connection is closing.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReceiveMessageAsync(IConnectionObserver observer, ValueWebSocketReceiveResult first)
    {
        var max = _services.MaxMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(first.EndOfMessage ? 1 : FirstChunkBytes);
        var length = 0;
        try
        {
            var result = first;
            while (!result.EndOfMessage)
            {
                if (_stream.AtFrameStart)
                {
                    // The next fragment's header alone first (the framing layer holds no payload: the
                    // stream gives it none past a frame's end), so its length is known before its payload.
                    result = await _ws.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    if (_stream.FramePayloadLeft > (ulong)(max - length))
                    {
                        // RFC 6455 §5.2: a frame's header gives its length, so a message it makes too big is
                        // refused at once, not after MAX_MESSAGE_BYTES more bytes that may never come. Its
                        // bytes are still read (and dropped) below: the client's close comes after them.
                        RefuseTooBig(max);
                    }

                    buffer = WithRoom(buffer, length, max);
                    var room = Math.Min(buffer.Length, max + 1) - length;
                    result = await _ws.ReceiveAsync(buffer.AsMemory(length, room), CancellationToken.None).ConfigureAwait(false);
                    length += result.Count;
                    if (length > max)
                    {
                        RefuseTooBig(max);
                        return true;
                    }
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    AnswerPeerClose();
                    return false;
                }
            }

            Dispatch(observer, first.MessageType, buffer.AsMemory(0, length));
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void RefuseTooBig(int max)
    {
        // Reading goes on to find the client's close (docs/protocol.md §10.1), so the rest of a
        // refused message comes back here in MAX_MESSAGE_BYTES pieces: only the first is news.
        if (!_sends.IsClosing)
        {
            _log.Warning("Message over {MaxMessageBytes} bytes, closing with {CloseStatus}", max, CloseStatus.MessageTooBig);
            Close(CloseStatus.MessageTooBig, "message too big");
        }
    }

    private void Dispatch(IConnectionObserver observer, WebSocketMessageType type, ReadOnlyMemory<byte> message) =>
        Handle((Observer: observer, Type: type, Message: message), static m =>
        {
            if (m.Type == WebSocketMessageType.Binary)
            {
                m.Observer.OnBinary();
            }
            else
            {
                m.Observer.OnText(m.Message);
            }
        });

    private void Handle<T>(T state, Action<T> handler)
    {
        if (_sends.IsClosing)
        {
            return; // Nothing is processed after this side started closing.
        }

        _services.Drains.Begin();
        try
        {
            handler(state);
        }
        catch (Exception ex)
        {
            // docs/protocol.md §3.1, §10.1: a fault in handling one message ends only this connection,
            // with 1011 rather than a dropped socket, and is logged for the admin.
            _log.Error(ex, "Unexpected error while handling a message, closing with {CloseStatus}", CloseStatus.InternalError);
            Close(CloseStatus.InternalError, "internal error");
        }
        finally
        {
            // What the message caused goes out now, on this thread, before the next receive.
            _services.Drains.RunPending();
        }
    }

    /// <summary>Never buffer more than max + 1 bytes: one byte past the limit proves it is too big.</summary>
    private static byte[] WithRoom(byte[] buffer, int length, int max) =>
        length < Math.Min(buffer.Length, max + 1) ? buffer : Grow(buffer, Math.Min(buffer.Length * 2, max + 1));

    private static byte[] Grow(byte[] buffer, int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan().CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
