using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Signaling.Numeric;

/// <summary>
/// The join-failure guard (docs/protocol.md §7.3) in front of numeric room lookups: only a join
/// naming no room is a failed guess; refused joins do not count. The failures are those of
/// <see cref="JoinAccess.Failures"/>, shared with `forbidden` (§12.5). Callers hold the registry
/// lock, which also guards them.
/// </summary>
internal sealed class NumericJoinGuard(SignalingContext ctx)
{
    private readonly JoinFailureLimiter _failures = ctx.Access.Failures;

    /// <summary>The room to join, or null once too-many-attempts or room-not-found has been answered.</summary>
    public Room? Find(RoomLock rooms, ClientState state, string roomId)
    {
        var ip = state.Connection.RemoteIp;
        var now = ctx.Time.GetUtcNow();
        if (_failures.IsBlocked(ip, now))
        {
            ctx.Replies.Error(state, ErrorCode.TooManyAttempts);
            return null;
        }

        var room = rooms.Find(Dialect.Numeric, roomId);
        if (room is null)
        {
            _failures.RecordFailure(ip, now);
            ctx.Replies.Error(state, ErrorCode.RoomNotFound);
        }

        return room;
    }
}
