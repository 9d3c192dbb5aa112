using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Numeric rooms (docs/protocol.md §7): create/join with replies carrying the per-connection
/// `myId`, `signal` relayed to every other member as exactly {type, senderId, payload},
/// rooms that outlive their members until ROOM_TIMEOUT_MS of inactivity, and a guard
/// against guessing room ids.
/// </summary>
internal sealed class NumericHandler(SignalingContext ctx)
{
    public void Handle(ConnectionState state, in InboundMessage message)
    {
        switch (message.Type)
        {
            case MessageType.Create:
                Create(state);
                break;
            case MessageType.Join:
                Join(state, message);
                break;
            case MessageType.Signal:
                Signal(state, message);
                break;
            default:
                ctx.Replies.Error(state, ErrorCode.InvalidMessage);
                break;
        }
    }

    public void Disconnected(ConnectionState state)
    {
        lock (ctx.Registry.Gate)
        {
            if (state.Membership is { } member)
            {
                Remove(state, member); // The room stays joinable until it expires.
            }
        }
    }

    private void Create(ConnectionState state)
    {
        state.Dialect = Dialect.Numeric;
        lock (ctx.Registry.Gate)
        {
            var id = NumericRoomIds.Pick(ctx.Registry);
            if (id is null)
            {
                ctx.Replies.Error(state, ErrorCode.NoFreeRooms);
                return;
            }

            if (state.Membership is { } previous)
            {
                Remove(state, previous);
            }

            var room = new Room(Dialect.Numeric, id, ctx.Fingerprints, ctx.Time.GetUtcNow());
            ctx.Registry.Add(room);
            Enter(state, room, "room_created"u8);
        }
    }

    private void Join(ConnectionState state, in InboundMessage message)
    {
        if (!FieldRules.IsValid(message, message.Fields.RoomId, FieldRules.MaxRoomLength, out var roomId))
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        state.Dialect = Dialect.Numeric; // docs/protocol.md §4: a valid join with roomId fixes the dialect.
        lock (ctx.Registry.Gate)
        {
            if (FindGuarded(state, roomId) is not { } room)
            {
                return;
            }

            var previous = state.Membership;
            if (previous is not null && state.Room == room)
            {
                room.LastActivity = ctx.Time.GetUtcNow();
                Reply(state, room, "room_joined"u8); // Already here: answer as before.
                return;
            }

            if (room.Members.Count >= ctx.Options.MaxRoomUsers)
            {
                ctx.Replies.Error(state, ErrorCode.RoomFull);
                return;
            }

            if (previous is not null)
            {
                Remove(state, previous);
            }

            Enter(state, room, "room_joined"u8);
        }
    }

    /// <summary>
    /// The room to join, or null once too-many-attempts or room-not-found has been answered.
    /// docs/protocol.md §7.3: only a join naming no room is a failed guess; refused joins do not count.
    /// </summary>
    private Room? FindGuarded(ConnectionState state, string roomId)
    {
        var ip = state.Connection.RemoteIp;
        var now = ctx.Time.GetUtcNow();
        if (ctx.JoinFailures.IsBlocked(ip, now))
        {
            ctx.Replies.Error(state, ErrorCode.TooManyAttempts);
            return null;
        }

        var room = ctx.Registry.Find(Dialect.Numeric, roomId);
        if (room is null)
        {
            ctx.JoinFailures.RecordFailure(ip, now);
            ctx.Replies.Error(state, ErrorCode.RoomNotFound);
        }

        return room;
    }

    private void Enter(ConnectionState state, Room room, ReadOnlySpan<byte> replyType)
    {
        room.AddMember(new Member(state.MyId, null, ctx.Time.GetUtcNow(), state.Connection));
        room.LastActivity = ctx.Time.GetUtcNow();
        state.Room = room;
        state.Log.Information("Joined room={Room} ({Count}/{Capacity})", room.Fingerprint, room.Members.Count, ctx.Options.MaxRoomUsers);
        Reply(state, room, replyType);
        ctx.Ice.Joined(state.Connection, room); // docs/protocol.md §3.8: after `room_created` / `room_joined`.
    }

    private static void Reply(ConnectionState state, Room room, ReadOnlySpan<byte> replyType) =>
        state.Connection.Send(NumericMessages.Joined(replyType, room.Id, state.MyId));

    private void Signal(ConnectionState state, in InboundMessage message)
    {
        var f = message.Fields;
        if (!f.Payload.IsPresent || !SenderFields.AreWellTyped(message))
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        lock (ctx.Registry.Gate)
        {
            if (state.Membership is null)
            {
                ctx.Replies.Error(state, ErrorCode.NotJoined);
                return;
            }

            if (!SenderFields.Match(message, state.MyId))
            {
                ctx.Replies.Error(state, ErrorCode.SenderMismatch);
                return;
            }

            var room = state.Room!;
            room.LastActivity = ctx.Time.GetUtcNow();
            var relay = NumericMessages.Signal(message, state.MyId);
            foreach (var other in room.Members)
            {
                if (other.Connection is { } c && !ReferenceEquals(c, state.Connection) && c.Send(relay))
                {
                    ctx.Metrics.MessagesRelayed.Increment("signal");
                }
            }
        }
    }

    private void Remove(ConnectionState state, Member member)
    {
        var room = state.Room!;
        room.RemoveMember(member); // Not activity (docs/protocol.md §7.2): only create, join and signal are.
        state.Log.Information("Left room={Room} ({Count}/{Capacity})", room.Fingerprint, room.Members.Count, ctx.Options.MaxRoomUsers);
    }

    /// <summary>Expiry (docs/protocol.md §7.2): each member gets room-expired and close 4000; the room is forgotten.</summary>
    public void Expire(Room room)
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
        ctx.Registry.Remove(room);
        ctx.Metrics.RoomExpired();
    }
}
