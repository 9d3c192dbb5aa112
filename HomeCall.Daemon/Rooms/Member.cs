using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Rooms;

/// <summary>A user in a room. <see cref="Connection"/> is null for a /signal participant who dropped and may reconnect.</summary>
internal sealed class Member(string userId, string? displayName, DateTimeOffset joinedAt, IConnection? connection)
{
    public string UserId { get; } = userId;

    public string? DisplayName { get; } = displayName;

    public DateTimeOffset JoinedAt { get; } = joinedAt;

    public IConnection? Connection { get; set; } = connection;
}
