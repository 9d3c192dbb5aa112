using System.Net.WebSockets;
using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// One connection's outgoing side: a bounded queue of text messages and one close frame,
/// drained one write at a time after the caller returns (<see cref="DrainScheduler"/>), so
/// that a caller (possibly holding the room lock) never does socket I/O and one slow reader
/// never delays anybody else (docs/protocol.md §10.1, §10.2). Its draining side (SendQueue.Draining.cs)
/// writes what is queued, its writing side puts each frame on the socket within the send deadline
/// (SendQueue.Writing.cs, SendQueue.Deadline.cs): one object per connection for all of them.
/// </summary>
internal sealed partial class SendQueue : IThreadPoolWorkItem, IDisposable
{
    /// <summary>
    /// docs/protocol.md §10.1 and §11.4: past MAX_SEND_QUEUE_BYTES the reader is closed with 1008. It gets this long to take
    /// the frame in flight and the close, not the whole SEND_TIMEOUT_MS, before it is aborted; until
    /// then it would stay a member of its room and hold its socket.
    /// </summary>
    public static readonly TimeSpan OverflowSendGrace = TimeSpan.FromSeconds(1);

    private readonly WebSocket _ws;
    private readonly ConnectionServices _services;
    private readonly ILogger _log;
    private readonly ConnectionStream _stream;
    // The stream's gate: one lock per connection for the queue, the deadline and the batch.
    private readonly Lock _gate;
    private readonly Action _closeSent;
    private int _sentCloseStatus;
    private OutgoingFrames _queue;
    private int _queuedBytes;
    private bool _draining;
    private bool _closing;
    private TaskCompletionSource? _drained;

    /// <param name="closeSent">Called once our close frame is on the wire (the peer's answer is then awaited).</param>
    /// <param name="stream">The stream under <paramref name="ws"/>, which gathers a burst of frames into one write.</param>
    public SendQueue(WebSocket ws, ConnectionStream stream, ConnectionServices services, ILogger log, Action closeSent)
    {
        _ws = ws;
        _services = services;
        _log = log;
        _gate = stream.Gate;
        _stream = stream;
        _closeSent = closeSent;
        _deadlineLimit = services.SendTimeout;
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

    /// <summary>True while a backlog of frames holds a queue (tests check an idle connection holds none).</summary>
    public bool HoldsBacklog
    {
        get
        {
            lock (_gate)
            {
                return _queue.HoldsBacklog;
            }
        }
    }

    /// <summary>The status of the close frame this side sent (0 when none).</summary>
    public int SentCloseStatus => Volatile.Read(ref _sentCloseStatus);

    /// <summary>Queues one text message; false when closing, or when it overflowed the bound (then closed with 1008).</summary>
    public bool Send(ReadOnlyMemory<byte> utf8Json) => Send(utf8Json, default);

    /// <summary>
    /// Queues a pooled message, taking a reference of its own that is released once the frame was
    /// sent or dropped; the caller keeps (and releases) its own. False as for an array.
    /// </summary>
    public bool Send(MessageLease message) => Send(message.Memory, message);

    private bool Send(ReadOnlyMemory<byte> utf8Json, MessageLease message)
    {
        lock (_gate)
        {
            if (_closing)
            {
                return false;
            }

            if (_queuedBytes + utf8Json.Length <= _services.MaxSendQueueBytes)
            {
                Enqueue(new OutgoingFrame(utf8Json, 0, null, message.Retain()));
                return true;
            }

            // Past the bound the backlog is abandoned: the reader is too slow to ever catch up.
            _queue.Clear();
            _queuedBytes = 0;
            // The write waiting on the socket (if any) and the close after it are what the reader
            // is not taking: they get the grace, not the whole SEND_TIMEOUT_MS.
            LowerDeadlineLocked(OverflowSendGrace);
            CloseLocked(CloseStatus.PolicyViolation, "send queue full");
        }

        _log.Warning("Send queue over {MaxSendQueueBytes} bytes, closing slow reader", _services.MaxSendQueueBytes);
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
            await pending.WaitAsync(timeout, _services.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _ws.Abort();
        }
    }

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
            _services.Drains.Schedule(this);
        }
    }
}
