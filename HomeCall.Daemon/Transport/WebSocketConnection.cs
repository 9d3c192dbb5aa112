using System.Net;
using System.Net.WebSockets;
using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// One upgraded connection: a receive loop that enforces MAX_MESSAGE_BYTES and hands
/// whole messages to its observer (the signaling core's client), and a <see cref="SendQueue"/> for everything
/// sent to it (docs/protocol.md §10.1).
/// </summary>
internal sealed partial class WebSocketConnection : IConnection, IDisposable
{
    /// <summary>How long a close frame may wait for the peer's answer before the socket is aborted.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private const int FirstChunkBytes = 4096;

    /// <summary>Messages handled back to back, without the socket ever making us wait, before the thread is yielded.</summary>
    private const int MaxBurst = 64;

    private readonly WebSocket _ws;
    private readonly ConnectionStream _stream;
    private readonly ConnectionServices _services;
    private readonly ILogger _log;

    // No timer or token of its own: an idle connection keeps none; a timer is made only when
    // closing, and it aborts the socket (a cancellable receive would register a callback per receive).
    private readonly SendQueue _sends;
    private IConnectionObserver? _observer;
    private ITimer? _closeTimer;
    private int _shutdownMarked;

    /// <param name="openedAt">When it opened (<see cref="TimeProvider.GetTimestamp"/>), for the close log line.</param>
    public WebSocketConnection(long id, WebSocket ws, ConnectionStream stream, IPAddress remoteIp, EndpointKind endpoint, string query, ConnectionServices services, ILogger log, long openedAt)
    {
        Id = id;
        OpenedAt = openedAt;
        _ws = ws;
        _stream = stream;
        stream.FrameFlood = OnFrameFlood;
        RemoteIp = remoteIp;
        Endpoint = endpoint;
        Query = query;
        _services = services;
        _log = log;
        _sends = new SendQueue(ws, stream, services, log, StartCloseTimer);
    }

    public long Id { get; }

    public IPAddress RemoteIp { get; }

    public EndpointKind Endpoint { get; }

    public ILogger Log => _log;

    /// <summary>When it opened (<see cref="TimeProvider.GetTimestamp"/>), for the close log line.</summary>
    public long OpenedAt { get; }

    /// <summary>True once <see cref="Attach"/> gave it its signaling side.</summary>
    public bool IsAttached => _observer is not null;

    public string Query { get; }

    public string? Origin { get; init; }

    /// <summary>
    /// The status this side sent in its close frame (0 when none), for the close log line and
    /// /metrics: what went on the wire (the framing layer's own 1002 and 1007 included), else the
    /// close queued but not delivered (a reader too slow to take it).
    /// </summary>
    public int SentCloseStatus => _stream.SentCloseStatus is var sent and not 0 ? sent : _sends.SentCloseStatus;

    /// <summary>The status the peer sent in its close frame, if it sent one.</summary>
    public int? ReceivedCloseStatus => (int?)_ws.CloseStatus;

    public bool Send(ReadOnlyMemory<byte> utf8Json) => _sends.Send(utf8Json);

    public bool Send(MessageLease message) => _sends.Send(message);

    public void Close(int status, string reason) => _sends.Close(status, reason);

    /// <summary>Creates its signaling side (once, before <see cref="RunAsync"/>): the core may send to it from then on.</summary>
    public void Attach(IConnectionHandler handler) => _observer = handler.Open(this);

    /// <summary>
    /// The <see cref="KeepAliveSweep"/>'s visit (docs/protocol.md §3.7): pings a quiet client, or
    /// reports its pong overdue. A closing connection is left to its own close timers.
    /// </summary>
    public Liveness.Step CheckLiveness(long now, long intervalTicks, long timeoutTicks)
    {
        lock (_stream.Gate)
        {
            return _sends.IsClosing ? Liveness.Step.None : _stream.CheckLiveness(now, intervalTicks, timeoutTicks);
        }
    }

    /// <summary>
    /// Receives until the connection ends, tells the observer, lets what is queued go out, then
    /// calls <paramref name="ended"/> (exactly once). Nothing awaits this: a connection keeps
    /// only its own frame alive while idle.
    /// </summary>
    public async Task RunAsync(Action<WebSocketConnection> ended)
    {
        var observer = _observer ?? throw new InvalidOperationException("Attach first");
        try
        {
            var burst = 0;
            while (true)
            {
                if (observer.Pending is { } pending)
                {
                    // A join waits for the auth webhook (docs/protocol.md §12.4): nothing more is read
                    // until it is decided, so the messages after it keep their order; the thread is free meanwhile.
                    await pending.ConfigureAwait(false);
                    Handle(observer, static o => o.OnResumed());
                }

                // An idle connection waits here, with a zero-byte read and outside the framing layer:
                // it holds neither a receive buffer nor the framing layer's receive state. The stream
                // gives the framing layer no bytes past the frame it reads, so none of the next
                // frame's are left inside it once it returned a message.
                var wait = _stream.WaitForBytes();
                if (!wait.IsCompleted)
                {
                    burst = 0;
                }
                else if (++burst == MaxBurst)
                {
                    // Socket completions run on the runtime's event threads (InlineSocketCompletions):
                    // a client that keeps its socket full must not hold one from everybody else.
                    burst = 0;
                    await Task.Yield();
                }

                await wait.ConfigureAwait(false);
                if (!await _stream.FillAsync().ConfigureAwait(false))
                {
                    continue; // Only pongs came (the stream took them).
                }

                var first = await _ws.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                if (first.MessageType == WebSocketMessageType.Close)
                {
                    AnswerPeerClose();
                    return;
                }

                if (!await ReceiveMessageAsync(observer, first).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The framing layer already sent 1002/1007 for protocol errors; a reset or a
            // keep-alive timeout simply ends the connection (docs/protocol.md §3.5, §3.7).
            _log.Debug(ex, "Connection ended by {Reason}", ex.GetType().Name);
        }
        catch (Exception ex)
        {
            // Exceptions stop at the connection boundary: one connection's fault must not reach the others.
            _log.Error(ex, "Unexpected error on a connection");
        }
        finally
        {
            try
            {
                // What leaving sends (our close answer, others' participant-left) goes out on this
                // thread too, rather than one thread-pool hand-off per connection that ends.
                _services.Drains.RunHere(observer, static o => o.OnClosed());

                await _sends.FinishAsync(CloseHandshakeTimeout).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _log.Error(ex, "Unexpected error while ending a connection");
            }
            finally
            {
                ended(this);
            }
        }
    }
}
