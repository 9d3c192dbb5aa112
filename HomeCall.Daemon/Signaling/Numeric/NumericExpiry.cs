using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Signaling.Numeric;

/// <summary>
/// docs/protocol.md §7.2: a numeric room outlives its members until ROOM_TIMEOUT_MS without
/// create, join or signal; then each member gets room-expired and close 4000, and the room is
/// forgotten. Runs in the hub's sweep, under the registry lock.
/// </summary>
internal sealed class NumericExpiry(SignalingContext ctx)
{
    public void Sweep(RoomLock rooms, DateTimeOffset now, ILogger log)
    {
        var timeout = ctx.Options.RoomTimeout;
        foreach (var room in rooms.Of(Dialect.Numeric).Where(r => now - r.LastActivity >= timeout).ToArray())
        {
            log.Information("Room room={Room} expired after {TimeoutMs} ms idle, closing {Count} members", room.Fingerprint, timeout.TotalMilliseconds, room.Members.Count);
            Expire(rooms, room);
        }
    }

    private void Expire(RoomLock rooms, Room room)
    {
        foreach (var member in room.Members)
        {
            if (member.Connection is { } c)
            {
                ctx.Replies.ErrorTo(c, Dialect.Numeric, ErrorCode.RoomExpired, null);
                c.Close(CloseStatus.RoomExpired, "room expired");
            }
        }

        room.ClearMembers();
        rooms.Remove(room);
        ctx.Metrics.RoomExpired();
    }
}
