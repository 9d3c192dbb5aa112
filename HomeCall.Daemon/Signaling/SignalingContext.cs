using HomeCall.Daemon.Config;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Signaling;

/// <summary>What every dialect handler shares: the registry and its per-IP guards, settings, clock, counters, replies, room fingerprints and who may join.</summary>
internal sealed record SignalingContext(
    RoomRegistry Registry,
    JoinFailureLimiter JoinFailures,
    SessionCreationLimiter SessionCreations,
    DaemonOptions Options,
    TimeProvider Time,
    DaemonMetrics Metrics,
    Replies Replies,
    RoomFingerprinter Fingerprints,
    JoinAccess Access);
