using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// One upgraded connection: a receive loop that enforces MAX_MESSAGE_BYTES and hands
/// whole messages to the signaling session, and one serialized, bounded send queue
/// drained on the thread pool, so that a caller (possibly holding the room lock) never
/// does socket I/O and one slow reader never delays anybody else (spec §2).
/// </summary>
internal sealed class WebSocketConnection : IConnection, IThreadPoolWorkItem, IDisposable
{
    /// <summary>How long a close frame may wait for the peer's answer before the socket is aborted.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Spec §2: past MAX_SEND_QUEUE_BYTES the reader is closed with 1008. It gets this long to take
    /// the frame in flight and the close, not the whole SEND_TIMEOUT_MS, before it is aborted; until
    /// then it would stay a member of its room and hold its socket.
    /// </summary>
    private static readonly TimeSpan OverflowSendGrace = TimeSpan.FromSeconds(1);

    private const int FirstChunkBytes = 4096;

    private readonly WebSocket _ws;
    private readonly ConnectionLimits _limits;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _receiveCts;
    private readonly CancellationTokenSource _sendCts;
    private readonly Lock _gate = new();
    private readonly Queue<OutgoingFrame> _queue = new(0);
    private int _queuedBytes;
    private bool _draining;
    private bool _closing;
    private bool _overflowed;
    private int _sentCloseStatus;
    private TaskCompletionSource? _drained;

    public WebSocketConnection(long id, WebSocket ws, IPAddress remoteIp, EndpointKind endpoint, string query, ConnectionLimits limits, ILogger log)
    {
        Id = id;
        _ws = ws;
        RemoteIp = remoteIp;
        Endpoint = endpoint;
        Query = query;
        _limits = limits;
        _log = log;
        _receiveCts = new CancellationTokenSource(Timeout.InfiniteTimeSpan, limits.Time);
        _sendCts = new CancellationTokenSource(Timeout.InfiniteTimeSpan, limits.Time);
    }

    public long Id { get; }

    public IPAddress RemoteIp { get; }

    public EndpointKind Endpoint { get; }

    public string Query { get; }

    /// <summary>The status this side sent in its close frame (0 when none), for the close log line.</summary>
    public int SentCloseStatus => _sentCloseStatus;

    /// <summary>The status the peer sent in its close frame, if it sent one.</summary>
    public int? ReceivedCloseStatus => (int?)_ws.CloseStatus;

    public bool Send(ReadOnlyMemory<byte> utf8Json)
    {
        bool overflow;
        lock (_gate)
        {
            if (_closing)
            {
                return false;
            }

            overflow = _queuedBytes + utf8Json.Length > _limits.MaxSendQueueBytes;
            if (!overflow)
            {
                Enqueue(new OutgoingFrame(utf8Json, 0, null));
                return true;
            }

            // Past the bound the backlog is abandoned: the reader is too slow to ever catch up.
            _queue.Clear();
            _queuedBytes = 0;
            _overflowed = true;
            if (_draining)
            {
                // The frame in flight is what the reader is not taking: bound it too.
                TryArmSendDeadline();
            }
        }

        _log.Warning("Send queue over {MaxSendQueueBytes} bytes, closing slow reader", _limits.MaxSendQueueBytes);
        Close(CloseStatus.PolicyViolation, "send queue full");
        return false;
    }

    public void Close(int status, string reason)
    {
        lock (_gate)
        {
            if (_closing)
            {
                return;
            }

            _closing = true;
            Enqueue(new OutgoingFrame(default, status, reason));
        }
    }

    /// <summary>Aborts the socket at once (shutdown grace over, or a fatal error).</summary>
    public void Abort() => _ws.Abort();

    /// <summary>Receives until the connection ends; returns after the session was told.</summary>
    public async Task RunAsync(IConnectionSession session)
    {
        try
        {
            await ReceiveLoopAsync(session).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The framing layer already sent 1002/1007 for protocol errors; a reset or a
            // keep-alive timeout simply ends the connection (spec §2 "Disconnect without leave").
            _log.Debug(ex, "Connection ended by {Reason}", ex.GetType().Name);
        }
        finally
        {
            session.OnClosed();
            await WaitForDrainAsync().ConfigureAwait(false);
        }
    }

    private async Task ReceiveLoopAsync(IConnectionSession session)
    {
        var token = _receiveCts.Token;
        while (true)
        {
            // A zero-byte receive waits for the next frame without holding a buffer, so an
            // idle connection costs no receive memory.
            var first = await _ws.ReceiveAsync(Memory<byte>.Empty, token).ConfigureAwait(false);
            if (first.MessageType == WebSocketMessageType.Close)
            {
                AnswerPeerClose();
                return;
            }

            if (!await ReceiveMessageAsync(session, first, token).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Reads the rest of one message and dispatches it; false when the connection is closing.</summary>
    private async Task<bool> ReceiveMessageAsync(IConnectionSession session, ValueWebSocketReceiveResult first, CancellationToken token)
    {
        var max = _limits.MaxMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(first.EndOfMessage ? 1 : FirstChunkBytes);
        var length = 0;
        try
        {
            var result = first;
            while (!result.EndOfMessage)
            {
                // Never buffer more than max + 1 bytes: one byte past the limit proves it is too big.
                var room = Math.Min(buffer.Length, max + 1) - length;
                if (room == 0)
                {
                    buffer = Grow(buffer, Math.Min(buffer.Length * 2, max + 1));
                    room = Math.Min(buffer.Length, max + 1) - length;
                }

                result = await _ws.ReceiveAsync(buffer.AsMemory(length, room), token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    AnswerPeerClose();
                    return false;
                }

                length += result.Count;
                if (length > max)
                {
                    _log.Information("Message over {MaxMessageBytes} bytes, closing with {CloseStatus}", max, CloseStatus.MessageTooBig);
                    Close(CloseStatus.MessageTooBig, "message too big");
                    return true;
                }
            }

            Dispatch(session, first.MessageType, buffer.AsMemory(0, length));
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Dispatch(IConnectionSession session, WebSocketMessageType type, ReadOnlyMemory<byte> message)
    {
        lock (_gate)
        {
            if (_closing)
            {
                return; // Spec: nothing is processed after this side started closing.
            }
        }

        if (type == WebSocketMessageType.Binary)
        {
            session.OnBinary();
        }
        else
        {
            session.OnText(message);
        }
    }

    private static byte[] Grow(byte[] buffer, int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan().CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    private void AnswerPeerClose()
    {
        // RFC 6455 §5.5.1: echo the peer's status in our close frame.
        var status = (int?)_ws.CloseStatus ?? CloseStatus.Normal;
        Close(status, "");
    }

    private void Enqueue(OutgoingFrame frame)
    {
        _queue.Enqueue(frame);
        _queuedBytes += frame.Data.Length;
        if (!_draining)
        {
            _draining = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    private async Task DrainAsync()
    {
        while (true)
        {
            OutgoingFrame frame;
            bool armed;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out frame))
                {
                    _draining = false;
                    _drained?.TrySetResult();
                    return;
                }

                // Armed under the lock, so an overflow in Send can only shorten it, never be overwritten.
                armed = TryArmSendDeadline();
            }

            if (!armed || !await SendFrameAsync(frame).ConfigureAwait(false))
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

    private async Task<bool> SendFrameAsync(OutgoingFrame frame)
    {
        try
        {
            if (frame.IsClose)
            {
                if (_ws.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    _sentCloseStatus = frame.CloseStatus;
                    await _ws.CloseOutputAsync((WebSocketCloseStatus)frame.CloseStatus, frame.Reason, _sendCts.Token).ConfigureAwait(false);
                }

                _receiveCts.CancelAfter(CloseHandshakeTimeout);
            }
            else
            {
                await _ws.SendAsync(frame.Data, WebSocketMessageType.Text, endOfMessage: true, _sendCts.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _queuedBytes -= frame.Data.Length;
                }
            }

            if (!_sendCts.TryReset())
            {
                // The deadline fired as the send completed: the peer was too slow all the same.
                _ws.Abort();
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            _log.Debug(ex, "Send failed, aborting the connection");
            _ws.Abort();
            return false;
        }
    }

    /// <summary>
    /// SEND_TIMEOUT_MS (or the overflow grace) for the next send: a peer that stops reading stalls
    /// SendAsync forever otherwise; the cancellation aborts the socket, which ends the receive loop too.
    /// False when the connection was already disposed. Called with the gate held.
    /// </summary>
    private bool TryArmSendDeadline()
    {
        var deadline = _overflowed && OverflowSendGrace < _limits.SendTimeout ? OverflowSendGrace : _limits.SendTimeout;
        try
        {
            _sendCts.CancelAfter(deadline);
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private async Task WaitForDrainAsync()
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
            await pending.WaitAsync(CloseHandshakeTimeout, _limits.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _ws.Abort();
        }
    }

    public void Dispose()
    {
        _ws.Dispose();
        _receiveCts.Dispose();
        _sendCts.Dispose();
    }
}
