using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Http;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// Wires the daemon together (transport, signaling core, HTTP endpoints) and runs it
/// until the stop token fires, then shuts down gracefully (docs/protocol.md §3.5). Program and the
/// integration tests both run it; tests pass port 0, their own clock and a fixed
/// fingerprint key (Program passes the install's key from its key file). Under systemd
/// (<paramref name="systemd"/> set) it reports readiness, status, watchdog pings and the stop.
/// </summary>
internal sealed class DaemonHost : IDisposable
{
    private readonly DaemonOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Listener _listener;
    private readonly ConnectionLedger _ledger;
    private readonly SystemdLifecycle? _systemd;

    public DaemonHost(DaemonOptions options, RoomFingerprinter fingerprints, TimeProvider time, ILogger log, SystemdNotifier? systemd = null)
    {
        _options = options;
        _time = time;
        _log = log.ForContext<DaemonHost>();
        Metrics = new DaemonMetrics();
        Hub = new SignalingHub(options, fingerprints, time, Metrics, log);
        _ledger = new ConnectionLedger(options.MaxConnections, options.MaxConnectionsPerIp, options.MaxPendingHandshakes);
        var http = new OpsEndpoints(Hub.Registry, () => _ledger.Connections, Metrics, new AdminToken(options.AdminToken), time, Version);
        var upgrades = new UpgradeHandler(options, Hub, http, _ledger, Metrics, time, log);
        _listener = new Listener(options, upgrades, _ledger, Metrics, log, time);
        _systemd = systemd is null ? null : new SystemdLifecycle(systemd, Counts, time, log);
    }

    public static string Version { get; } =
        typeof(DaemonHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public SignalingHub Hub { get; }

    public DaemonMetrics Metrics { get; }

    public int Connections => _ledger.Connections;

    /// <summary>Binds the listener; throws SocketException when the address is taken.</summary>
    public IPEndPoint Start()
    {
        var endpoint = _listener.Bind();
        _log.Information("Listening on {Endpoint}", endpoint);
        if (_options.AllowedOrigins.Count == 0)
        {
            _log.Warning("ALLOWED_ORIGINS is empty: WebSocket upgrades from any Origin are accepted");
        }

        if (_options.TrustedProxies.Count == 0)
        {
            _log.Information("TRUSTED_PROXIES is empty: X-Forwarded-For is believed from no peer; behind a proxy on this host set TRUSTED_PROXIES=127.0.0.1,::1");
        }

        // Listening already: connections wait in the backlog until RunAsync accepts them.
        _systemd?.Ready(endpoint);
        return endpoint;
    }

    /// <summary>Accepts until <paramref name="stopping"/> fires, then closes everyone with 1001 within the grace.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        await _listener.AcceptLoopAsync(stopping).ConfigureAwait(false);
        _systemd?.Stopping(_ledger.Connections);
        await _listener.ShutdownAsync(_options.ShutdownGrace, _time).ConfigureAwait(false);
        _log.Information("Stopped");
    }

    public void Dispose()
    {
        _systemd?.Dispose();
        _listener.Dispose();
        Hub.Dispose();
    }

    private (int Connections, int Rooms) Counts()
    {
        var connections = _ledger.Connections;
        lock (Hub.Registry.Gate)
        {
            return (connections, Hub.Registry.Count);
        }
    }
}
