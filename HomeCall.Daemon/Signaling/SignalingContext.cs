using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>What every dialect handler shares: the registry, settings, clock, counters, replies, room fingerprints and who may join.</summary>
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

    /// <summary>Where relays are built: pooled buffers, so that a relay allocates nothing (tests count the buffers).</summary>
    public MessagePool Messages { get; init; } = MessagePool.Shared;

    /// <summary>Whether a join may proceed (docs/protocol.md §12); it also keeps the per-IP join failures (§7.3).</summary>
    public required JoinAccess Access { get; init; }
}
