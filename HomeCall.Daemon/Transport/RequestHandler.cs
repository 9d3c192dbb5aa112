using System.Buffers;
using System.Net;
using System.Net.Sockets;
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
internal sealed partial class RequestHandler(
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
}
