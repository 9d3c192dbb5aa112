using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Transport;
using Serilog;
using Serilog.Core;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// A <see cref="SignalingHub"/> on a fake clock with fake connections: the signaling core
/// end to end without sockets. Logs are captured so tests can check what they reveal.
/// </summary>
internal sealed class HubHarness : IDisposable
{
    private readonly Serilog.ILogger _logger;
    private long _nextId;

    /// <param name="ice">The ICE servers' holder, for a test that swaps them as a reload does; null holds them as the options name them.</param>
    /// <param name="alsoLogTo">A second sink every event is written to, after <see cref="Logs"/>, on the thread that logs.</param>
    public HubHarness(DaemonOptions? options = null, IceServers? ice = null, ILogEventSink? alsoLogTo = null)
    {
        Options = options ?? new DaemonOptions();
        Time = new FakeTimeProvider();
        Logs = new CapturingSink();
        Metrics = new DaemonMetrics();
        var config = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Logs);
        _logger = (alsoLogTo is null ? config : config.WriteTo.Sink(alsoLogTo)).CreateLogger();
        Hub = new SignalingHub(Options, TestFingerprints.Fingerprinter, Time, Metrics, _logger, ice);
    }

    public DaemonOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public CapturingSink Logs { get; }

    public DaemonMetrics Metrics { get; }

    public SignalingHub Hub { get; }

    /// <summary>A connection on the room endpoint (/, /ws, /ws/); a query with roomId makes it mesh.</summary>
    public HubClient Room(string query = "", IPAddress? ip = null) => Open(EndpointKind.Room, query, ip);

    /// <summary>A connection on /signal.</summary>
    public HubClient Signal(IPAddress? ip = null) => Open(EndpointKind.Signal, "", ip);

    /// <summary>A mesh connection with URL-encoded identity parameters.</summary>
    public HubClient Mesh(string roomId, string userId, string userName) =>
        Room($"roomId={Uri.EscapeDataString(roomId)}&userId={Uri.EscapeDataString(userId)}&userName={Uri.EscapeDataString(userName)}");

    /// <summary>A homecall connection that has joined <paramref name="room"/> as <paramref name="user"/>, with its inbox cleared.</summary>
    public HubClient Homecall(string room, string user)
    {
        var client = Room();
        client.Send(new { type = "join", room, user });
        client.Clear();
        return client;
    }

    /// <summary>A /signal connection that has joined <paramref name="session"/> as <paramref name="user"/>, with its inbox cleared.</summary>
    public HubClient Session(string session, string user)
    {
        var client = Signal();
        client.Send(new { type = "join", room = session, user });
        client.Clear();
        return client;
    }

    /// <summary>A numeric connection that created a room; <paramref name="roomId"/> is its id.</summary>
    public HubClient NumericCreator(out string roomId)
    {
        var client = Room();
        client.Send(new { type = "create" });
        roomId = client.Last.GetProperty("roomId").GetString()!;
        client.Clear();
        return client;
    }

    /// <summary>A numeric connection that joined <paramref name="roomId"/>, with its inbox cleared.</summary>
    public HubClient NumericJoiner(string roomId, IPAddress? ip = null)
    {
        var client = Room("", ip);
        client.Send(new { type = "join", roomId });
        client.Clear();
        return client;
    }

    /// <summary>Rooms of <paramref name="dialect"/>, or of every dialect when null (read under the registry's lock, as the product does).</summary>
    public int RoomCount(Dialect? dialect = null)
    {
        using var rooms = Hub.Registry.Lock();
        return dialect is { } d ? rooms.CountOf(d) : rooms.Count;
    }

    /// <summary>The user ids of a room's members, in join order, or null when the registry does not hold it.</summary>
    public IReadOnlyList<string>? MembersOf(Dialect dialect, string roomId)
    {
        using var rooms = Hub.Registry.Lock();
        return rooms.Find(dialect, roomId)?.Members.Select(m => m.UserId).ToArray();
    }

    /// <summary>Moves the clock; the hub's sweep timer fires on the way.</summary>
    public void Advance(TimeSpan by) => Time.Advance(by);

    public void Dispose() => Hub.Dispose();

    private HubClient Open(EndpointKind endpoint, string query, IPAddress? ip)
    {
        var id = Interlocked.Increment(ref _nextId);
        var connection = new FakeConnection(id, endpoint, query, ip, _logger.ForContext("ConnectionId", "c" + id));
        return new HubClient(connection, Hub.Open(connection));
    }
}
