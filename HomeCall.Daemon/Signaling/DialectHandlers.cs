using HomeCall.Daemon.Signaling.Homecall;
using HomeCall.Daemon.Signaling.Mesh;
using HomeCall.Daemon.Signaling.Numeric;
using HomeCall.Daemon.Signaling.Sessions;

namespace HomeCall.Daemon.Signaling;

/// <summary>One handler per dialect, shared by every connection.</summary>
internal sealed record DialectHandlers(HomecallHandler Homecall, MeshHandler Mesh, NumericHandler Numeric, SessionHandler Session);
