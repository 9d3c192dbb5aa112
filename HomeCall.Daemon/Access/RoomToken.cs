using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Access;

/// <summary>
/// What a signed room token grants (docs/protocol.md §12): joining <see cref="Room"/> of
/// <see cref="Dialect"/> until <see cref="ExpiresAt"/>, optionally only as <see cref="User"/>.
/// A room ending in `*` is a prefix (`*` alone: any room of the dialect).
/// <see cref="CreateLimit"/>: null = may create rooms without limit, 0 = join only,
/// N = may create at most N times.
/// </summary>
internal sealed record RoomToken(Dialect Dialect, string Room, DateTimeOffset ExpiresAt, string? User, int? CreateLimit)
{
    public const string Wildcard = "*";

    public bool CoversRoom(string room) =>
        Room.EndsWith(Wildcard, StringComparison.Ordinal)
            ? room.StartsWith(Room[..^1], StringComparison.Ordinal)
            : string.Equals(Room, room, StringComparison.Ordinal);

    /// <summary>True when the token names no user, or exactly this one (a numeric member has none: <paramref name="user"/> null).</summary>
    public bool CoversUser(string? user) => User is null || string.Equals(User, user, StringComparison.Ordinal);

    public bool MayCreate => CreateLimit is null or > 0;
}
