using HomeCall.Daemon.Config;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Signaling.Numeric;

/// <summary>
/// The join-failure guard (docs/protocol.md §7.3) in front of numeric room lookups: only a join
/// naming no room is a failed guess; refused joins do not count. Callers hold the registry lock,
/// which also guards the per-IP failures.
/// </summary>
internal sealed class NumericJoinGuard(SignalingContext ctx)
{
    private readonly JoinFailureLimiter _failures = new(ctx.Options.JoinFailuresPerMinute);

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

    /// <summary>JOIN_FAILURES_PER_MIN changed by a reload.</summary>
    public void ApplyLive(DaemonOptions options) => _failures.MaxFailuresPerWindow = options.JoinFailuresPerMinute;

    /// <summary>Forgets addresses whose last failure is over a minute old.</summary>
    public void Sweep(DateTimeOffset now) => _failures.Sweep(now);
}
