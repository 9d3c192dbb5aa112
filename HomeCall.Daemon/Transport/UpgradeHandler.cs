using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Metrics;
using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Takes one accepted socket through the request head (spec §5): refuses it with a
/// short HTTP response, answers an HTTP endpoint, or upgrades it and runs the
/// WebSocket until it ends.
/// </summary>
internal sealed class UpgradeHandler(
    DaemonOptions options,
    IConnectionHandler connections,
    IHttpEndpoints http,
    ConnectionTracker tracker,
    DaemonMetrics metrics,
    TimeProvider time,
    ILogger log)
{
    /// <summary>How long a refused client gets to read our answer before the socket is closed.</summary>
    private static readonly TimeSpan LingerAfterResponse = TimeSpan.FromSeconds(1);

    private readonly UpgradeValidator _validator = new(options);
    private readonly ConnectionLimits _limits = new(options.MaxMessageBytes, options.MaxSendQueueBytes, options.SendTimeout, time);
    private readonly ConcurrentDictionary<long, IConnectionSession> _sessions = new();
    private readonly ILogger _log = log.ForContext<UpgradeHandler>();
    private long _nextId;

    public event Action<WebSocketConnection>? Opened;

    public event Action<WebSocketConnection>? Ended;

    public void NotifyShutdown(WebSocketConnection connection)
    {
        if (_sessions.TryGetValue(connection.Id, out var session))
        {
            session.OnShutdown();
        }
    }

    public async Task HandleAsync(Socket socket, Action handshakeDone, CancellationToken stopping)
    {
        var handshaking = true;
        try
        {
            var peer = ((IPEndPoint)socket.RemoteEndPoint!).Address;
            var head = await ReadHeadAsync(socket, stopping).ConfigureAwait(false);
            if (head is null)
            {
                return;
            }

            var (request, leftover) = head.Value;
            if (request is null)
            {
                return;
            }

            var decision = _validator.Decide(request, peer);
            if (decision.IsUpgrade)
            {
                handshaking = false;
                handshakeDone();
                await UpgradeAsync(socket, request, decision, leftover).ConfigureAwait(false);
                return;
            }

            var response = decision.IsHttpEndpoint
                ? http.Handle(decision.Endpoint, request)
                : Refuse(decision.Status, decision.Reason, decision.ClientIp, decision.ExtraHeaders);
            await RespondAsync(socket, response, includeBody: request.Method != "HEAD").ConfigureAwait(false);
        }
        finally
        {
            if (handshaking)
            {
                handshakeDone();
                socket.Dispose();
            }
        }
    }

    /// <summary>Null when the head timed out or the peer left; a request of null when it was refused here.</summary>
    private async Task<(HttpRequestHead? Request, byte[] Leftover)?> ReadHeadAsync(Socket socket, CancellationToken stopping)
    {
        using var timeout = new CancellationTokenSource(options.HandshakeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
        HeadReadResult read;
        try
        {
            read = await HeadReader.ReadAsync(socket, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            metrics.UpgradesRefused.Increment("handshake-timeout");
            _log.Information("Handshake not completed within {TimeoutMs} ms, closing", options.HandshakeTimeout.TotalMilliseconds);
            return null;
        }
        catch (SocketException)
        {
            return null;
        }

        if (read.Closed)
        {
            return null;
        }

        if (read.Parse.Status == ParseStatus.Complete)
        {
            return (read.Parse.Head, read.Leftover);
        }

        var status = read.Parse.Status == ParseStatus.TooLarge ? 431 : 400;
        var ip = ClientAddress.Normalize(((IPEndPoint)socket.RemoteEndPoint!).Address);
        await RespondAsync(socket, Refuse(status, read.Parse.Reason, ip, []), includeBody: true).ConfigureAwait(false);
        return (null, []);
    }

    private HttpResponse Refuse(int status, string reason, IPAddress ip, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        metrics.UpgradesRefused.Increment(RefusalLabel(status));
        _log.Information("Upgrade refused with {Status} ({Reason}) for {ClientIp}", status, reason, ip);
        return HttpResponse.Text(status, $"{status} {HttpResponse.ReasonPhrase(status)}: {reason}", [.. headers]);
    }

    private static string RefusalLabel(int status) => status switch
    {
        400 => "bad-request",
        403 => "forbidden",
        404 => "not-found",
        405 => "method",
        426 => "upgrade-required",
        431 => "head-too-large",
        503 => "limit",
        _ => "other",
    };

    private async Task RespondAsync(Socket socket, HttpResponse response, bool includeBody)
    {
        try
        {
            await socket.SendAsync(response.Serialize(includeBody), SocketFlags.None).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);

            // Read (and drop) what the client still sends so the close is a FIN, not a reset
            // that could destroy the response before the client read it.
            using var linger = new CancellationTokenSource(LingerAfterResponse, time);
            var sink = new byte[512];
            while (await socket.ReceiveAsync(sink, SocketFlags.None, linger.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client left or lingered too long; nothing more to tell it.
        }
    }

    private async Task UpgradeAsync(Socket socket, HttpRequestHead request, HandshakeDecision decision, byte[] leftover)
    {
        var ip = decision.ClientIp;
        var refusal = tracker.TryAcquire(ip);
        if (refusal is not null)
        {
            metrics.UpgradesRefused.Increment(refusal);
            _log.Information("Upgrade refused with {Status} ({Reason}) for {ClientIp}", 503, refusal, ip);
            await RespondAsync(socket, HttpResponse.Text(503, "503 Service Unavailable: " + refusal), true).ConfigureAwait(false);
            socket.Dispose();
            return;
        }

        var id = Interlocked.Increment(ref _nextId);
        var connLog = _log.ForContext("ConnectionId", "c" + id);
        WebSocketConnection? connection = null;
        try
        {
            await socket.SendAsync(Handshake.SwitchingProtocols(request.Single("Sec-WebSocket-Key")!), SocketFlags.None).ConfigureAwait(false);
            var stream = new PrefixedStream(new NetworkStream(socket, ownsSocket: true), leftover);
            var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
            {
                IsServer = true,
                KeepAliveInterval = options.PingInterval,
                KeepAliveTimeout = options.PingInterval,
            });
            connection = new WebSocketConnection(id, ws, ip, decision.Endpoint, request.Query, _limits, connLog);
            await RunAsync(connection, request, connLog).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            socket.Dispose();
        }
        finally
        {
            tracker.Release(ip);
            connection?.Dispose();
        }
    }

    private async Task RunAsync(WebSocketConnection connection, HttpRequestHead request, ILogger connLog)
    {
        var started = time.GetTimestamp();
        metrics.ConnectionAccepted();
        connLog.Information("Connection opened from {ClientIp} on {Path}", connection.RemoteIp, request.Path);
        var session = connections.Open(connection);
        _sessions[connection.Id] = session;
        Opened?.Invoke(connection);
        try
        {
            await connection.RunAsync(session).ConfigureAwait(false);
        }
        finally
        {
            _sessions.TryRemove(connection.Id, out _);
            Ended?.Invoke(connection);
            var closeStatus = connection.SentCloseStatus != 0 ? connection.SentCloseStatus : connection.ReceivedCloseStatus ?? 1006;
            metrics.ConnectionsClosed.Increment(closeStatus.ToString(System.Globalization.CultureInfo.InvariantCulture));
            connLog.Information(
                "Connection closed with {CloseStatus} (peer sent {PeerCloseStatus}) after {DurationMs} ms",
                closeStatus,
                connection.ReceivedCloseStatus,
                (long)time.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
