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
    private readonly UpgradeValidator _validator = new(options);
    private readonly Refusals _refusals = new(metrics, time, log);
    private readonly ConnectionLimits _limits = new(options.MaxMessageBytes, options.MaxSendQueueBytes, options.SendTimeout, time);
    private readonly ILogger _log = log.ForContext<UpgradeHandler>();
    private long _nextId;

    public event Action<WebSocketConnection>? Opened;

    public event Action<WebSocketConnection>? Ended;

    /// <summary>
    /// Serves one accepted socket to its end. <paramref name="handshakeDone"/> is called once,
    /// when the socket stops counting against MAX_PENDING_HANDSHAKES (upgraded, or closed).
    /// </summary>
    public async Task HandleAsync(Socket socket, Action handshakeDone, CancellationToken stopping)
    {
        var upgraded = false;
        try
        {
            var head = await ReadHeadAsync(socket, stopping).ConfigureAwait(false);
            if (head is not ({ } request, var leftover))
            {
                return;
            }

            var work = Route(socket, request, leftover, handshakeDone, ref upgraded);

            // The request head is not needed past this point: do not keep it alive for the
            // connection's lifetime in this method's state (idle memory per connection).
            head = null;
            await work.ConfigureAwait(false);
        }
        finally
        {
            if (!upgraded)
            {
                handshakeDone();
                socket.Dispose();
            }
        }
    }

    /// <summary>Decides (spec §1, §5) and starts the upgrade, the HTTP answer or the refusal.</summary>
    private Task Route(Socket socket, HttpRequestHead request, byte[] leftover, Action handshakeDone, ref bool upgraded)
    {
        var peer = ((IPEndPoint)socket.RemoteEndPoint!).Address;
        var decision = _validator.Decide(request, peer);
        var refusal = decision.IsUpgrade ? tracker.TryAcquire(decision.ClientIp) : null;
        if (decision.IsUpgrade && refusal is null)
        {
            upgraded = true;
            handshakeDone();
            return UpgradeAsync(socket, new AcceptedUpgrade(decision.Endpoint, decision.ClientIp, request.Path, request.Query, request.Single("Sec-WebSocket-Key")!, leftover));
        }

        // A 503 still counts as a pending handshake while its answer lingers, so a flood past
        // MAX_CONNECTIONS holds at most MAX_PENDING_HANDSHAKES sockets (and file descriptors).
        var response = refusal is not null ? _refusals.OverLimit(refusal, decision.ClientIp)
            : decision.IsHttpEndpoint ? http.Handle(decision.Endpoint, request)
            : _refusals.Refuse(decision.Status, decision.Reason, decision.ClientIp, decision.ExtraHeaders);
        return _refusals.RespondAsync(socket, response, includeBody: request.Method != "HEAD");
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
        await _refusals.RespondAsync(socket, _refusals.Refuse(status, read.Parse.Reason, ip, []), includeBody: true).ConfigureAwait(false);
        return (null, []);
    }

    private async Task UpgradeAsync(Socket socket, AcceptedUpgrade upgrade)
    {
        // The caller acquired the connection slot; it is released when the connection ends.
        var ip = upgrade.ClientIp;
        var id = Interlocked.Increment(ref _nextId);
        var connLog = _log.ForContext("ConnectionId", "c" + id);
        WebSocketConnection? connection = null;
        try
        {
            await socket.SendAsync(Handshake.SwitchingProtocols(upgrade.Key), SocketFlags.None).ConfigureAwait(false);
            var stream = new ConnectionStream(new NetworkStream(socket, ownsSocket: true), upgrade.Leftover);
            var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
            {
                IsServer = true,
                KeepAliveInterval = options.PingInterval,
                KeepAliveTimeout = options.PingInterval,
            });
            connection = new WebSocketConnection(id, ws, stream, ip, upgrade.Endpoint, upgrade.Query, _limits, connLog);
            metrics.ConnectionAccepted();
            connLog.Information("Connection opened from {ClientIp} on {Path}", ip, upgrade.Path);
            upgrade = null!; // Shed the key, path and leftover bytes for the connection's lifetime.
            await RunAsync(connection).ConfigureAwait(false);
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

    private async Task RunAsync(WebSocketConnection connection)
    {
        var started = time.GetTimestamp();
        var session = connections.Open(connection);
        connection.Session = session;
        Opened?.Invoke(connection);
        try
        {
            await connection.RunAsync(session).ConfigureAwait(false);
        }
        finally
        {
            Ended?.Invoke(connection);
            var closeStatus = connection.SentCloseStatus != 0 ? connection.SentCloseStatus : connection.ReceivedCloseStatus ?? 1006;
            metrics.ConnectionsClosed.Increment(CloseStatus.MetricLabel(closeStatus));
            connection.Log.Information(
                "Connection closed with {CloseStatus} (peer sent {PeerCloseStatus}) after {DurationMs} ms",
                closeStatus,
                connection.ReceivedCloseStatus,
                (long)time.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
