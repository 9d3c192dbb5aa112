using HomeCall.Daemon.Logging;

namespace HomeCall.Daemon.Metrics;

/// <summary>The daemon's counters, exposed on /metrics (docs/protocol.md §1.3). Labels never carry room ids, names or IPs.</summary>
internal sealed class DaemonMetrics(DroppedLogEvents logEventsDropped)
{
    public DaemonMetrics()
        : this(new DroppedLogEvents())
    {
    }

    private long _roomExpiries;
    private long _connectionsAccepted;

    public LabeledCounter MessagesReceived { get; } = new();

    public LabeledCounter MessagesRelayed { get; } = new();

    public LabeledCounter ErrorsSent { get; } = new();

    public LabeledCounter UpgradesRefused { get; } = new();

    public LabeledCounter ConnectionsClosed { get; } = new();

    /// <summary>TURN credentials handed out, by how: "websocket" (after a join, and refreshes) or "http" (GET /ice-servers).</summary>
    public LabeledCounter TurnCredentialsIssued { get; } = new();

    public long RoomExpiries => Interlocked.Read(ref _roomExpiries);

    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>Log events the logger's buffer was too full to take (<see cref="BackgroundLogSink"/>).</summary>
    public long LogEventsDropped => logEventsDropped.Total;

    public void RoomExpired() => Interlocked.Increment(ref _roomExpiries);

    public void ConnectionAccepted() => Interlocked.Increment(ref _connectionsAccepted);
}
