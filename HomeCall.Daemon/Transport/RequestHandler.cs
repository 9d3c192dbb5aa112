using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Metrics;
using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Takes one accepted socket through the request head (docs/protocol.md §2): refuses it with a
/// short HTTP response, answers an HTTP endpoint, or upgrades it and runs the
/// WebSocket until it ends. Connection ids in the log are <c>BOOTID-cN</c> (<see cref="ConnectionLogger"/>).
/// </summary>
internal sealed class RequestHandler(
    LiveOptions settings,
    IConnectionHandler connections,
    IHttpEndpoints http,
    ConnectionLedger ledger,
    DaemonMetrics metrics,
    TimeProvider time,
    ILogger log,
    string bootId)
{
    private readonly RequestRouter _validator = new(settings);
    private readonly Refusals _refusals = new(metrics, time, log);

    // Sizes of buffers and queues every connection shares: a reload does not change them (restart).
    private readonly ConnectionServices _services = new(settings.Current.MaxMessageBytes, settings.Current.MaxSendQueueBytes, settings.Current.SendTimeout, time);
    private readonly ILogger _log = log.ForContext<RequestHandler>();
    private readonly ConnectionLogs _connectionLogs = new(log.ForContext<RequestHandler>(), bootId);
    private readonly HandshakeDeadlines _deadlines = new(time);
    private readonly UntrustedForwardingLog _untrustedForwarding = new(noTrustedProxies: true, log.ForContext<RequestHandler>());
    private Action<WebSocketConnection>? _connectionEnded; // One delegate for every connection.
    private long _nextId;

    /// <summary>Sockets whose request head is being read now (within HANDSHAKE_TIMEOUT_MS).</summary>
    public int HeadsBeingRead => _deadlines.Count;

    /// <summary>
    /// Serves one socket admitted by the <see cref="ConnectionLedger"/> and tells the ledger of
    /// each step of its life. An upgraded connection runs on in its own method and this one
    /// returns: nothing of the handshake (this frame, the request head) stays alive for the
    /// connection's lifetime (idle memory per connection).
    /// </summary>
    public async Task HandleAsync(Socket socket, CancellationToken stopping)
    {
        var upgraded = false;
        try
        {
            if (await ReadHeadAsync(socket, stopping).ConfigureAwait(false) is not ({ } request, var leftover))
            {
                return;
            }

            var work = Route(socket, request, leftover, ref upgraded);
            if (!upgraded)
            {
                await work.ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Exceptions stop at the connection boundary: one connection's fault must not reach the others.
            _log.Error(ex, "Unexpected error on a connection");
        }
        finally
        {
            if (!upgraded)
            {
                socket.Dispose();
                ledger.HandshakeEnded();
            }
        }
    }

    /// <summary>Decides (docs/protocol.md §1.1, §2.2) and starts the upgrade, the HTTP answer or the refusal.</summary>
    private Task Route(Socket socket, HttpRequestHead request, byte[] leftover, ref bool upgraded)
    {
        var peer = ((IPEndPoint)socket.RemoteEndPoint!).Address;
        var decision = _validator.Decide(request, peer);
        if (settings.Current.TrustedProxies.Count == 0)
        {
            _untrustedForwarding.Seen(request, peer);
        }

        var refusal = decision.IsUpgrade ? ledger.TryUpgrade(decision.ClientIp) : null;
        if (decision.IsUpgrade && refusal is null)
        {
            upgraded = true;
            var answer = ArrayPool<byte>.Shared.Rent(Handshake.SwitchingProtocolsLength);
            request.TryGetValue(HeaderName.SecWebSocketKey, out var key);
            Handshake.WriteSwitchingProtocols(key, answer);
            var upgrade = new AcceptedUpgrade(decision.Endpoint, decision.ClientIp, request.Path, request.Query, answer, leftover, request.Origin);
            return UpgradeAsync(socket, upgrade);
        }

        // A 503 still counts as a pending handshake while its answer lingers, so a flood past
        // MAX_CONNECTIONS holds at most MAX_PENDING_HANDSHAKES sockets (and file descriptors).
        var response = refusal is not null ? _refusals.OverLimit(refusal, decision.ClientIp)
            : decision.IsHttpEndpoint ? http.Handle(decision.Endpoint, request, decision.ClientIp)
            : _refusals.Refuse(decision.Status, decision.Reason, decision.ClientIp, decision.ExtraHeaders, decision.RefusedOrigin);
        return _refusals.RespondAsync(socket, response, includeBody: !request.MethodIs("HEAD"u8));
    }

    /// <summary>Null when the head timed out or the peer left; a request of null when it was refused here.</summary>
    private async Task<(HttpRequestHead? Request, byte[] Leftover)?> ReadHeadAsync(Socket socket, CancellationToken stopping)
    {
        var handshakeTimeout = settings.Current.HandshakeTimeout;
        var pending = _deadlines.Begin(socket, handshakeTimeout, stopping);
        HeadReadResult? read = null;
        try
        {
            read = await HeadReader.ReadAsync(socket).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The peer left (the deadline and the stop end the read as end-of-stream: told apart below).
        }

        if (!_deadlines.End(pending))
        {
            if (pending.State == HandshakeState.TimedOut)
            {
                metrics.UpgradesRefused.Increment("handshake-timeout");
                _log.Information("Handshake not completed within {TimeoutMs} ms, closing", handshakeTimeout.TotalMilliseconds);
            }

            return null;
        }

        if (read is not { } done || done.Closed)
        {
            return null;
        }

        if (done.Parse.Status == ParseStatus.Complete)
        {
            return (done.Parse.Head, done.Leftover);
        }

        var status = done.Parse.Status == ParseStatus.TooLarge ? 431 : 400;
        var ip = ClientAddress.Normalize(((IPEndPoint)socket.RemoteEndPoint!).Address);
        await _refusals.RespondAsync(socket, _refusals.Refuse(status, done.Parse.Reason, ip, []), includeBody: true).ConfigureAwait(false);
        return (null, []);
    }

    /// <summary>
    /// Answers 101 and starts the connection; the caller took its connection slot. The
    /// connection then runs on its own and ends through <see cref="OnConnectionEnded"/>, so this
    /// frame is not kept alive for the connection's lifetime (idle memory per connection).
    /// </summary>
    private async Task UpgradeAsync(Socket socket, AcceptedUpgrade upgrade)
    {
        WebSocketConnection? connection = null;
        try
        {
            await NonBlockingSend.SendAsync(socket, upgrade.Answer.AsMemory(0, Handshake.SwitchingProtocolsLength)).ConfigureAwait(false);
            connection = Accept(socket, upgrade);
        }
        catch (SocketException)
        {
            // The client left during the 101.
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Unexpected error on a connection");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(upgrade.Answer);
        }

        if (connection is null)
        {
            socket.Dispose();
            ledger.UpgradeFailed(upgrade.ClientIp);
            return;
        }

        Start(connection);
    }

    private void Start(WebSocketConnection connection)
    {
        try
        {
            // In the ledger before it runs, so its end always finds it there; opened during
            // shutdown (after its snapshot), it is told and closed at once (docs/protocol.md §3.5).
            connection.Attach(connections);
            if (!ledger.Opened(connection))
            {
                connection.CloseForShutdown();
            }

            _ = connection.RunAsync(_connectionEnded ??= OnConnectionEnded);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Unexpected error on a connection");
            OnConnectionEnded(connection);
        }
    }

    private void OnConnectionEnded(WebSocketConnection connection)
    {
        if (connection.IsAttached)
        {
            Closed(connection);
        }

        connection.Dispose();
        ledger.Closed(connection);
    }

    private WebSocketConnection Accept(Socket socket, AcceptedUpgrade upgrade)
    {
        var id = Interlocked.Increment(ref _nextId);
        ILogger connLog = _connectionLogs.For(id);
        var stream = new ConnectionStream(new NetworkStream(socket, ownsSocket: true), upgrade.Leftover, time);
        var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            // No keep-alive timer per connection: the listener's one KeepAliveSweep pings and
            // times out every connection (docs/protocol.md §3.7; idle memory per connection).
            KeepAliveInterval = TimeSpan.Zero,
        });
        var connection = new WebSocketConnection(id, ws, stream, upgrade.ClientIp, upgrade.Endpoint, upgrade.Query, _services, connLog, time.GetTimestamp()) { Origin = upgrade.Origin };
        metrics.ConnectionAccepted();
        connLog.Information("Connection opened from {ClientIp} on {Path}", upgrade.ClientIp, upgrade.Path);
        return connection;
    }

    private void Closed(WebSocketConnection connection)
    {
        var closeStatus = connection.SentCloseStatus != 0 ? connection.SentCloseStatus : connection.ReceivedCloseStatus ?? 1006;
        metrics.ConnectionsClosed.Increment(CloseStatus.MetricLabel(closeStatus));
        connection.Log.Information(
            "Connection closed with {CloseStatus} (peer sent {PeerCloseStatus}) after {DurationMs} ms",
            closeStatus,
            connection.ReceivedCloseStatus,
            (long)time.GetElapsedTime(connection.OpenedAt).TotalMilliseconds);
    }
}
