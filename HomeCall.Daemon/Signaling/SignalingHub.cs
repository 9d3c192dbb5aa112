using HomeCall.Daemon.Access;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// The signaling core's entry point: creates each connection's session, owns the
/// registry and the expiry sweep (docs/protocol.md §7.2, §8.2) driven by the injected clock.
/// </summary>
internal sealed class SignalingHub : IConnectionHandler, IDisposable
{
    /// <summary>The longest time between two expiry checks; expiry itself is ROOM_TIMEOUT_MS / ENDED_SESSION_TTL_MS.</summary>
    public static readonly TimeSpan MaxSweepInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A short ROOM_TIMEOUT_MS is checked this many times per timeout, so a room expires at most a
    /// quarter of its timeout late: checked once a second, rooms of a 1 s timeout lived up to 2 s,
    /// and a busy daemon ran out of its 9,000 numeric ids (docs/benchmarks.md, churn).
    /// </summary>
    private const int SweepsPerRoomTimeout = 4;

    private readonly SignalingContext _ctx;
    private readonly DialectHandlers _handlers;
    private readonly ILogger _log;
    private readonly ITimer _sweepTimer;
    private readonly AccessPolicyFactory _policies;
    private readonly RoomAccessGate _gate;
    private DaemonOptions _live;

    /// <param name="ice">The holder of the ICE servers with the TURN secret resolved; null holds them as <paramref name="options"/> name them (TURN_SECRET).</param>
    /// <param name="secret">The room secret with its file read; null reads it from the options (ROOM_SECRET, ROOM_SECRET_FILE).</param>
    public SignalingHub(DaemonOptions options, RoomFingerprinter fingerprints, TimeProvider time, DaemonMetrics metrics, ILogger log, IceServers? ice = null, RoomSecret? secret = null)
    {
        _log = log.ForContext<SignalingHub>();
        _live = options;
        var registry = new RoomRegistry();
        var failures = new JoinFailureLimiter(options.JoinFailuresPerMinute, options.JoinFailuresPerMinuteIpv4Net, options.JoinFailuresPerMinuteIpv6Net);
        var replies = new Replies(options.ErrorLanguage, metrics);
        _policies = new AccessPolicyFactory(time, log);
        _gate = new RoomAccessGate(_policies.Build(options, secret ?? RoomSecret.FromOptions(options)));
        _ctx = new SignalingContext(registry, options, time, metrics, replies, fingerprints)
        {
            Ice = new IceServerDelivery(ice ?? new IceServers(IceServerSettings.From(options)), registry, time, metrics),
            Access = new JoinAccess(_gate, registry, failures, replies, fingerprints, time),
        };
        _handlers = DialectHandlers.Create(_ctx);
        SweepInterval = SweepIntervalFor(options.RoomTimeout);
        _sweepTimer = time.CreateTimer(_ => SweepGuarded(), null, SweepInterval, SweepInterval);
    }

    /// <summary>How often expiry is checked (docs/protocol.md §7.2): a quarter of ROOM_TIMEOUT_MS, once a second at most.</summary>
    public TimeSpan SweepInterval { get; }

    public RoomRegistry Registry => _ctx.Registry;

    public static TimeSpan SweepIntervalFor(TimeSpan roomTimeout) =>
        roomTimeout / SweepsPerRoomTimeout < MaxSweepInterval ? roomTimeout / SweepsPerRoomTimeout : MaxSweepInterval;

    public IConnectionObserver Open(IConnection connection)
    {
        // The rate limit of a reload applies to connections opened after it.
        var options = Volatile.Read(ref _live);
        var state = new ClientState(
            connection,
            new RateLimiter(options.RateLimitPerSecond, options.RateLimitBurst, _ctx.Time),
            connection.Log);
        // The URL fixes the dialect here for /signal and mesh (docs/protocol.md §4, §8); from then
        // on it is the only thing that routes the connection's messages, errors and end.
        if (_handlers.SelectedBy(connection) is { } handler)
        {
            state.Use(handler);
            handler.Open(state);
        }

        return new SignalingClient(state, _handlers, _ctx);
    }

    /// <summary>Applies a reload's live limits: the rate limit of new connections and the per-IP join and session guards.</summary>
    public void ApplyLive(DaemonOptions options)
    {
        Volatile.Write(ref _live, options);
        using var rooms = _ctx.Registry.Lock();
        foreach (var handler in _handlers.All)
        {
            handler.ApplyLive(rooms, options);
        }

        _ctx.Access.ApplyLive(options);
    }

    /// <summary>
    /// A reload's room secret and AUTH_WEBHOOK_* settings: the joins after it are decided by
    /// them; members already in rooms stay. Unchanged settings keep the webhook's cached answers.
    /// </summary>
    public void ApplyAccess(DaemonOptions options, RoomSecret secret)
    {
        if (_policies.Rebuild(_gate.Current, options, secret) is { } next)
        {
            _gate.Replace(next);
        }
    }

    /// <summary>One expiry pass (also called by tests after moving the fake clock).</summary>
    public void Sweep()
    {
        var now = _ctx.Time.GetUtcNow();
        using (var rooms = _ctx.Registry.Lock())
        {
            foreach (var handler in _handlers.All)
            {
                handler.Sweep(rooms, now, _log);
            }

            _ctx.Access.Sweep(now);
        }
    }

    public void Dispose()
    {
        _sweepTimer.Dispose();
        _ctx.Ice.Dispose();
        _policies.Dispose();
    }

    /// <summary>An exception escaping a timer callback would end the process: log it and sweep again next time.</summary>
    private void SweepGuarded()
    {
        try
        {
            Sweep();
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Expiry sweep failed");
        }
    }
}
