namespace HomeCall.Daemon.Signaling;

/// <summary>Which room change a <see cref="RoomLogLine"/> tells.</summary>
internal enum RoomLogKind
{
    Joined,
    JoinedSession,
    Left,
    Replaced,
    Detached,
    Ended,
}
