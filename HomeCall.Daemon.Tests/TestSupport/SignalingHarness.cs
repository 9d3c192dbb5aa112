using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Transport;
using Serilog;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// The signaling core without sockets: a real <see cref="SignalingHub"/> on a fake clock,
/// with <see cref="FakeConnection"/> peers whose messages go straight to the dispatcher.
/// </summary>
internal sealed class SignalingHarness : IDisposable
{
    private readonly ILogger _logger;
    private long _nextId;

    public SignalingHarness(DaemonOptions? options = null)
    {
        Options = options ?? new DaemonOptions();
        Logs = new CapturingSink();
        _logger = new LoggerConfiguration().MinimumLevel.Is(LogEventLevel.Verbose).WriteTo.Sink(Logs).CreateLogger();
        Hub = new SignalingHub(Options, TestFingerprints.Fingerprinter, Time, Metrics, _logger);
    }

    public DaemonOptions Options { get; }

    public FakeTimeProvider Time { get; } = new();

    public DaemonMetrics Metrics { get; } = new();

    public CapturingSink Logs { get; }

    public SignalingHub Hub { get; }

    /// <summary>Rooms of every dialect the registry holds (read under its lock, as the product does).</summary>
    public int RoomCount
    {
        get
        {
            lock (Hub.Registry.Gate)
            {
                return Hub.Registry.Count;
            }
        }
    }

    public HarnessPeer Connect(EndpointKind endpoint = EndpointKind.Room, string query = "", IPAddress? ip = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var connection = new FakeConnection(id, endpoint, query, ip, _logger.ForContext("ConnectionId", "c" + id));
        return new HarnessPeer(connection, Hub.Open(connection));
    }

    /// <summary>A /signal connection.</summary>
    public HarnessPeer ConnectSignal(IPAddress? ip = null) => Connect(EndpointKind.Signal, "", ip);

    /// <summary>A mesh connection: its identity comes from the URL (spec §3.2).</summary>
    public HarnessPeer ConnectMesh(string query) => Connect(EndpointKind.Room, query);

    public void Dispose() => Hub.Dispose();
}
