using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// The writing side of a <see cref="SendQueue"/>: puts one frame (or a gathered batch) on the socket,
/// bounded by the send deadline only when the socket cannot take it at once; a write that fails or
/// misses the deadline aborts the connection. The queue decides what goes out and in which order.
/// </summary>
internal sealed partial class SendQueue
{
    /// <summary>Writes what the stream gathered since its BeginBatch; false when the connection was aborted.</summary>
    private ValueTask<bool> EndBatchAsync() => WriteAsync(static (q, _) => q._stream.EndBatchAsync(), default);

    /// <summary>Writes one frame (a close frame only while the socket is open); false when the connection was aborted.</summary>
    private ValueTask<bool> WriteAsync(OutgoingFrame frame) => WriteAsync(static (q, f) => q.Start(f), frame);

    private ValueTask Start(OutgoingFrame frame)
    {
        if (!frame.IsClose)
        {
            return _ws.SendAsync(frame.Payload, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }

        if (_ws.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            _closeSent();
            return ValueTask.CompletedTask;
        }

        Volatile.Write(ref _sentCloseStatus, frame.CloseStatus);
        return new ValueTask(CloseThenNotifyAsync(frame));
    }

    private async Task CloseThenNotifyAsync(OutgoingFrame frame)
    {
        await _ws.CloseOutputAsync((WebSocketCloseStatus)frame.CloseStatus, frame.Reason, CancellationToken.None).ConfigureAwait(false);
        _closeSent();
    }

    /// <summary>
    /// Starts a write and, only if the socket cannot take it at once, bounds it with the send
    /// deadline; false when it failed or the deadline passed (the connection is then aborted).
    /// </summary>
    private ValueTask<bool> WriteAsync(Func<SendQueue, OutgoingFrame, ValueTask> start, OutgoingFrame frame)
    {
        ValueTask write;
        try
        {
            write = start(this, frame);
            if (write.IsCompleted)
            {
                write.GetAwaiter().GetResult();
                return ValueTask.FromResult(true);
            }
        }
        catch (Exception ex) when (IsSendFailure(ex))
        {
            return ValueTask.FromResult(Failed(ex));
        }

        return WaitWithinDeadlineAsync(write);
    }

    // Pooled: a write that waits for the socket would otherwise allocate its state machine each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> WaitWithinDeadlineAsync(ValueTask write)
    {
        try
        {
            await WaitUnderDeadlineAsync(write).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsSendFailure(ex))
        {
            return Failed(ex);
        }

        // The deadline may have fired as the write completed: the peer was too slow all the same.
        return !_deadlinePassed;
    }

    private static bool IsSendFailure(Exception ex) =>
        ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException;

    private bool Failed(Exception ex)
    {
        _log.Debug(ex, "Send failed, aborting the connection");
        _ws.Abort();
        return false;
    }
}
