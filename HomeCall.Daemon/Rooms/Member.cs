using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Rooms;

/// <summary>
/// A user in a room, made by <see cref="Room.AddMember"/> and knowing its room. <see cref="Connection"/>
/// is null for a /signal participant who dropped and may reconnect.
/// </summary>
internal sealed class Member(Room room, string userId, string? displayName, DateTimeOffset joinedAt, IConnection? connection)
{
    private IConnection? _connection = connection;

    public Room Room { get; } = room;

    public string UserId { get; } = userId;

    public string? DisplayName { get; } = displayName;

    public DateTimeOffset JoinedAt { get; } = joinedAt;

    /// <summary>Changed (a /signal reconnect or drop) only under the registry's lock, which the room checks.</summary>
    public IConnection? Connection
    {
        get => _connection;
        set
        {
            Room.AssertHeld();
            _connection = value;
        }
    }
}
