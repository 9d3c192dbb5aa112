namespace HomeCall.Daemon.Signaling;

/// <summary>One handler per dialect, shared by every connection.</summary>
internal sealed record DialectHandlers(HomecallHandler Homecall, MeshHandler Mesh, NumericHandler Numeric, SessionHandler Session);
