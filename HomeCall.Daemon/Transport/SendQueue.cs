using System.Runtime.CompilerServices;
using System.Net.WebSockets;
using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// One connection's outgoing side: a bounded queue of text messages and one close frame,
/// drained one write at a time after the caller returns (<see cref="DeferredDrains"/>), so
/// that a caller (possibly holding the room lock) never does socket I/O and one slow reader
/// never delays anybody else (spec §2 "Slow readers").
/// </summary>
internal sealed class SendQueue : IThreadPoolWorkItem, IDisposable
{
    /// <summary>
    /// Spec §2: past MAX_SEND_QUEUE_BYTES the reader is closed with 1008. It gets this long to take
    /// the frame in flight and the close, not the whole SEND_TIMEOUT_MS, before it is aborted; until
    /// then it would stay a member of its room and hold its socket.
    /// </summary>
    public static readonly TimeSpan OverflowSendGrace = TimeSpan.FromSeconds(1);

    private readonly WebSocket _ws;
    private readonly ConnectionStream _stream;
    private readonly ConnectionLimits _limits;
    private readonly ILogger _log;
    private readonly Action _closeSent;
    private readonly SendDeadline _deadline;
    private readonly Lock _gate = new();
    private readonly Queue<OutgoingFrame> _queue = new(0);
    private int _queuedBytes;
    private bool _draining;
    private bool _closing;
    private int _sentCloseStatus;
    private TaskCompletionSource? _drained;

    /// <param name="closeSent">Called once our close frame is on the wire (the peer's answer is then awaited).</param>
    /// <param name="stream">The stream under <paramref name="ws"/>, which gathers a burst of frames into one write.</param>
    public SendQueue(WebSocket ws, ConnectionStream stream, ConnectionLimits limits, ILogger log, Action closeSent)
    {
        _ws = ws;
        _stream = stream;
        _limits = limits;
        _log = log;
        _closeSent = closeSent;
        _deadline = new SendDeadline(limits.Time, ws, limits.SendTimeout);
    }

    /// <summary>True once a close was queued or the connection ended: nothing more is sent or processed.</summary>
    public bool IsClosing
    {
        get
        {
            lock (_gate)
            {
                return _closing;
            }
        }
    }

    /// <summary>True while a send is in flight or queued (tests wait for it to settle).</summary>
    public bool IsDraining
    {
        get
        {
            lock (_gate)
            {
                return _draining;
            }
        }
    }

    /// <summary>True while a write waits on the socket under the send deadline (tests wait for it).</summary>
    public bool IsWriteWaiting => _deadline.IsWaiting;

    /// <summary>The status of the close frame this side sent (0 when none).</summary>
    public int SentCloseStatus => Volatile.Read(ref _sentCloseStatus);

    /// <summary>Queues one text message; false when closing, or when it overflowed the bound (then closed with 1008).</summary>
    public bool Send(ReadOnlyMemory<byte> utf8Json)
    {
        lock (_gate)
        {
            if (_closing)
            {
                return false;
            }

            if (_queuedBytes + utf8Json.Length <= _limits.MaxSendQueueBytes)
            {
                Enqueue(new OutgoingFrame(utf8Json, 0, null));
                return true;
            }

            // Past the bound the backlog is abandoned: the reader is too slow to ever catch up.
            _queue.Clear();
            _queuedBytes = 0;
            // The write waiting on the socket (if any) and the close after it are what the reader
            // is not taking: they get the grace, not the whole SEND_TIMEOUT_MS.
            _deadline.Lower(OverflowSendGrace);
            CloseLocked(CloseStatus.PolicyViolation, "send queue full");
        }

        _log.Warning("Send queue over {MaxSendQueueBytes} bytes, closing slow reader", _limits.MaxSendQueueBytes);
        return false;
    }

    /// <summary>Queues a close frame after what is already queued; later calls are ignored.</summary>
    public void Close(int status, string reason)
    {
        lock (_gate)
        {
            CloseLocked(status, reason);
        }
    }

    /// <summary>Stops taking messages and waits (at most <paramref name="timeout"/>) for what is queued to go out; aborts past it.</summary>
    public async Task FinishAsync(TimeSpan timeout)
    {
        Task pending;
        lock (_gate)
        {
            _closing = true;
            if (!_draining)
            {
                return;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pending = _drained.Task;
        }

        try
        {
            await pending.WaitAsync(timeout, _limits.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _ws.Abort();
        }
    }

    public void Dispose() => _deadline.Dispose();

    void IThreadPoolWorkItem.Execute() => StartDrain();

    /// <summary>Runs the drain scheduled by the first frame queued (see <see cref="DeferredDrains"/>).</summary>
    public void StartDrain() => _ = DrainAsync();

    private void CloseLocked(int status, string reason)
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        Enqueue(new OutgoingFrame(default, status, reason));
    }

    private void Enqueue(OutgoingFrame frame)
    {
        _queue.Enqueue(frame);
        _queuedBytes += frame.Data.Length;
        if (!_draining)
        {
            _draining = true;
            DeferredDrains.Schedule(this);
        }
    }

    private async Task DrainAsync()
    {
        // Several waiting frames are gathered into one socket write (one packet for a burst).
        var batching = false;
        while (true)
        {
            OutgoingFrame frame;
            bool hasFrame;
            bool more;
            lock (_gate)
            {
                hasFrame = _queue.TryDequeue(out frame);
                if (!hasFrame && !batching)
                {
                    _draining = false;
                    _drained?.TrySetResult();
                    return;
                }

                more = _queue.Count > 0;
            }

            var ok = true;
            if (batching && (!hasFrame || frame.IsClose))
            {
                // The batch goes out before a close frame, so the close timer starts once it is sent.
                batching = false;
                ok = await WriteAsync(static (s, _) => s._stream.EndBatchAsync(), default).ConfigureAwait(false);
            }

            if (ok && hasFrame)
            {
                if (!batching && more && !frame.IsClose)
                {
                    _stream.BeginBatch();
                    batching = true;
                }

                ok = await WriteAsync(static (s, f) => s.WriteFrame(f), frame).ConfigureAwait(false);
                if (ok && !frame.IsClose)
                {
                    lock (_gate)
                    {
                        _queuedBytes -= frame.Data.Length;
                    }
                }
            }

            if (!ok)
            {
                lock (_gate)
                {
                    _queue.Clear();
                    _queuedBytes = 0;
                    _closing = true;
                    _draining = false;
                    _drained?.TrySetResult();
                }

                return;
            }
        }
    }

    /// <summary>Hands one frame to the framing layer (a close frame is sent only while the socket is open).</summary>
    private ValueTask WriteFrame(OutgoingFrame frame)
    {
        if (!frame.IsClose)
        {
            return _ws.SendAsync(frame.Data, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
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
            await _deadline.WaitAsync(write).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsSendFailure(ex))
        {
            return Failed(ex);
        }

        // The deadline may have fired as the write completed: the peer was too slow all the same.
        return !_deadline.HasPassed;
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
