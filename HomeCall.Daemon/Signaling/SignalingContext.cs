using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Signaling;

/// <summary>What every dialect handler shares: the registry, settings, clock, counters, replies and room fingerprints.</summary>
internal sealed record SignalingContext(
    RoomRegistry Registry,
    DaemonOptions Options,
    TimeProvider Time,
    DaemonMetrics Metrics,
    Replies Replies,
    RoomFingerprinter Fingerprints)
{
    /// <summary>Sends each joined connection its ICE servers (docs/protocol.md §3.8).</summary>
    public required IceServerDelivery Ice { get; init; }
}
