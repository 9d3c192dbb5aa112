using HomeCall.Daemon.Config;
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
    RoomFingerprinter Fingerprints);
