using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Http;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Logging;
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
/// (<paramref name="systemd"/> set) it reports readiness, status, watchdog pings, reloads and the stop.
/// </summary>
internal sealed class DaemonHost : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Listener _listener;
    private readonly ConnectionLedger _ledger;
    private readonly AdminToken _admin;
    private readonly SystemdLifecycle? _systemd;
    private readonly SettingsReload _reload;
    private readonly IceServers _ice;
    private readonly IceServersEndpoint _iceEndpoint;
    private readonly RequestHandler _upgrades;

    /// <param name="secrets">The ICE servers and room secret with their files read and checked (<see cref="ResolvedSecrets.Read"/>, by the caller: a file that cannot be used is the caller's exit 78, not this constructor's).</param>
    /// <param name="logEventsDropped">What the logger's buffer dropped (Program), shown on /metrics; null counts nothing.</param>
    public DaemonHost(DaemonOptions options, RoomFingerprinter fingerprints, TimeProvider time, ILogger log, ResolvedSecrets secrets, SystemdNotifier? systemd = null, DroppedLogEvents? logEventsDropped = null)
    {
        _time = time;
        _log = log.ForContext<DaemonHost>();
        Settings = new LiveOptions(options);
        _ice = new IceServers(secrets.Ice);
        Metrics = new DaemonMetrics(logEventsDropped ?? new DroppedLogEvents());
        Hub = new SignalingHub(options, fingerprints, time, Metrics, log, _ice, secrets.Room);
        _ledger = new ConnectionLedger(options.MaxConnections, options.MaxConnectionsPerIp, options.MaxPendingHandshakes);
        _admin = new AdminToken(options.AdminToken);
        _iceEndpoint = new IceServersEndpoint(_ice, options.AllowedOrigins, time, Metrics, log);
        var http = new OpsEndpoints(Hub.Registry, () => _ledger.Connections, Metrics, _admin, fingerprints, _iceEndpoint, time, Version);
        _upgrades = new RequestHandler(Settings, Hub, http, _ledger, Metrics, time, log, BootId);
        _listener = new Listener(options, _upgrades, _ledger, Metrics, log, time);
        _systemd = systemd is null ? null : new SystemdLifecycle(systemd, Counts, time, log);
        Settings.Changed += ApplyLive;
        _reload = new SettingsReload(Settings, secrets, ApplySecrets, _systemd, log);
    }

    public static string Version { get; } =
        typeof(DaemonHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public SignalingHub Hub { get; }

    /// <summary>The settings in force; a reload replaces them (<see cref="Reload"/>).</summary>
    public LiveOptions Settings { get; }

    /// <summary>This run's prefix of every connection id (<c>BOOTID-c17</c>).</summary>
    public string BootId { get; } = Logging.BootId.New();

    public DaemonMetrics Metrics { get; }

    public int Connections => _ledger.Connections;

    /// <summary>Sockets whose request head is being read (each within HANDSHAKE_TIMEOUT_MS).</summary>
    public int HeadsBeingRead => _upgrades.HeadsBeingRead;

    /// <summary>Binds the listener; throws SocketException when the address is taken.</summary>
    public IPEndPoint Start()
    {
        var endpoint = _listener.Bind();
        _log.Information("Connection ids of this run start with {BootId}- (boot id)", BootId);
        _log.Information("Listening on {Endpoint}", endpoint);
        if (Settings.Current.AllowedOrigins.Count == 0)
        {
            _log.Warning("ALLOWED_ORIGINS is empty: WebSocket upgrades from any Origin are accepted");
        }

        if (Settings.Current.TrustedProxies.Count == 0)
        {
            _log.Information("TRUSTED_PROXIES is empty: X-Forwarded-For is believed from no peer; behind a proxy on this host set TRUSTED_PROXIES=127.0.0.1,::1");
        }

        if (_ice.Current is { IsConfigured: true } ice)
        {
            // The URLs are public (every client gets them); the secret is never logged.
            _log.Information("ICE servers for clients: STUN {StunUrls}, TURN {TurnUrls}, TURN credentials valid {TtlSeconds} s", ice.StunUrls, ice.TurnUrls, ice.CredentialLifetime.TotalSeconds);
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
        await _listener.ShutdownAsync(Settings.Current.ShutdownGrace, _time).ConfigureAwait(false);
        _log.Information("Stopped");
    }

    /// <summary>
    /// Applies settings read again (SIGHUP): the live ones take effect, the others are logged as
    /// needing a restart; settings with errors are refused whole and the running ones stay.
    /// Returns false when refused.
    /// </summary>
    public bool Reload(BindResult read) => _reload.Apply(read);

    public void Dispose()
    {
        _systemd?.Dispose();
        _listener.Dispose();
        Hub.Dispose();
    }

    private void ApplyLive(DaemonOptions options)
    {
        _ledger.SetLimits(options.MaxConnections, options.MaxConnectionsPerIp);
        _admin.Replace(options.AdminToken);
        _iceEndpoint.AllowOrigins(options.AllowedOrigins);
        Hub.ApplyLive(options);
    }

    /// <summary>A reload's ICE servers and room access: credentials and joins from now on use them.</summary>
    private void ApplySecrets(DaemonOptions options, ResolvedSecrets secrets)
    {
        _ice.Replace(secrets.Ice);
        Hub.ApplyAccess(options, secrets.Room);
    }

    private (int Connections, int Rooms) Counts()
    {
        var connections = _ledger.Connections;
        using (var rooms = Hub.Registry.Lock())
        {
            return (connections, rooms.Count);
        }
    }
}
