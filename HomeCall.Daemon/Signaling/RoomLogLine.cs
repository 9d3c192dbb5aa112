using HomeCall.Daemon.Rooms;
using Serilog;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// One line about a room change (join, leave, replacement, detach, end), taken while the registry
/// lock is held (the counts are those of that moment) and written after it is released
/// (<see cref="RoomLogLines"/>). Rooms are named by their fingerprint only (docs/security.md).
/// </summary>
internal readonly record struct RoomLogLine(RoomLogKind Kind, string Room, int Count, int Capacity, int Queued)
{
    public static RoomLogLine Joined(Room room, int capacity) => new(RoomLogKind.Joined, room.Fingerprint, room.Members.Count, capacity, 0);

    /// <summary>A /signal join, with the number of queued messages it delivered.</summary>
    public static RoomLogLine JoinedSession(Room session, int capacity, int queued) => new(RoomLogKind.JoinedSession, session.Fingerprint, session.Members.Count, capacity, queued);

    public static RoomLogLine Left(Room room, int capacity) => new(RoomLogKind.Left, room.Fingerprint, room.Members.Count, capacity, 0);

    public static RoomLogLine Replaced(Room room) => new(RoomLogKind.Replaced, room.Fingerprint, 0, 0, 0);

    public static RoomLogLine Detached(Room session) => new(RoomLogKind.Detached, session.Fingerprint, 0, 0, 0);

    public static RoomLogLine Ended(Room session) => new(RoomLogKind.Ended, session.Fingerprint, 0, 0, 0);

    public void WriteTo(ILogger log)
    {
        switch (Kind)
        {
            case RoomLogKind.Joined:
                log.Information("Joined room={Room} ({Count}/{Capacity})", Room, Count, Capacity);
                break;
            case RoomLogKind.JoinedSession:
                log.Information("Joined room={Room} ({Count}/{Capacity}), {Queued} queued messages delivered", Room, Count, Capacity, Queued);
                break;
            case RoomLogKind.Left:
                log.Information("Left room={Room} ({Count}/{Capacity})", Room, Count, Capacity);
                break;
            case RoomLogKind.Replaced:
                log.Information("Replaced an older connection of the same user in room={Room}", Room);
                break;
            case RoomLogKind.Detached:
                log.Information("Detached from room={Room}, waiting for a reconnect", Room);
                break;
            default:
                log.Information("Ended room={Room} by leave", Room);
                break;
        }
    }
}
