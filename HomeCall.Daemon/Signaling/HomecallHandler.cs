using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Homecall rooms (docs/protocol.md §5): join/leave with `online` lists to every member, and
/// offer/answer/candidate routed by `to`, stamped with `from`, other fields passed through.
/// </summary>
internal sealed class HomecallHandler(SignalingContext ctx)
{
    public void Handle(ConnectionState state, in InboundMessage message)
    {
        switch (message.Type)
        {
            case MessageType.Join:
                Join(state, message);
                break;
            case MessageType.Leave:
                Leave(state, message);
                break;
            case MessageType.Offer or MessageType.Answer or MessageType.Candidate:
                Relay(state, message);
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
                RemoveMember(state, state.Room!, member);
            }
        }
    }

    private void Join(ConnectionState state, in InboundMessage message)
    {
        if (!FieldRules.IsValid(message, message.Fields.Room, FieldRules.MaxRoomLength, out var roomId)
            || !FieldRules.IsValid(message, message.Fields.User, FieldRules.MaxUserLength, out var user))
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        state.Dialect = Dialect.Homecall; // docs/protocol.md §4: a valid join with room and user fixes the dialect.
        lock (ctx.Registry.Gate)
        {
            var current = state.Membership;
            if (current is not null && state.Room!.Id == roomId && current.UserId == user)
            {
                BroadcastOnline(state.Room); // Joining again as the same user changes nothing.
                return;
            }

            var room = ctx.Registry.Find(Dialect.Homecall, roomId);
            if (IsFull(state, room, current, user))
            {
                ctx.Replies.Error(state, ErrorCode.RoomFull);
                return;
            }

            if (current is not null)
            {
                RemoveMember(state, state.Room!, current); // docs/protocol.md §5.1: one room at a time.
            }

            Enter(state, roomId, user);
        }
    }

    /// <summary>Full for a newcomer; a returning user replaces itself, and a member renaming itself in its own room frees its place first.</summary>
    private bool IsFull(ConnectionState state, Room? room, Member? current, string user)
    {
        if (room is null || room.FindUser(user) is not null)
        {
            return false;
        }

        var others = room.Members.Count - (current is not null && state.Room == room ? 1 : 0);
        return others >= ctx.Options.MaxRoomUsers;
    }

    private void Enter(ConnectionState state, string roomId, string user)
    {
        var room = ctx.Registry.Find(Dialect.Homecall, roomId); // Leaving the previous room may have removed it.
        if (room is null)
        {
            room = new Room(Dialect.Homecall, roomId, ctx.Fingerprints, ctx.Time.GetUtcNow());
            ctx.Registry.Add(room);
        }

        if (room.FindUser(user) is { } old)
        {
            Replace(state, room, old); // docs/protocol.md §3.5: the older connection of the same user is replaced.
        }

        room.AddMember(new Member(user, null, ctx.Time.GetUtcNow(), state.Connection));
        state.Room = room;
        state.Log.Information("Joined room={Room} ({Count}/{Capacity})", room.Fingerprint, room.Members.Count, ctx.Options.MaxRoomUsers);
        BroadcastOnline(room);
        ctx.Ice.Joined(state.Connection, room); // docs/protocol.md §3.8: after the join reply (`online`).
    }

    private void Replace(ConnectionState state, Room room, Member old)
    {
        room.RemoveMember(old);
        state.Log.Information("Replaced an older connection of the same user in room={Room}", room.Fingerprint);
        if (old.Connection is { } oldConnection)
        {
            ctx.Replies.ErrorTo(oldConnection, Dialect.Homecall, ErrorCode.Replaced, null);
            oldConnection.Close(CloseStatus.Replaced, "replaced by a newer connection");
        }

        BroadcastOnline(room);
    }

    private void Leave(ConnectionState state, in InboundMessage message)
    {
        var f = message.Fields;
        if (!f.Room.IsAbsentOrString || !f.User.IsAbsentOrString)
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        lock (ctx.Registry.Gate)
        {
            var member = state.Membership;
            if (member is null || (f.Room.IsPresent && !message.StringEquals(f.Room, state.Room!.Id)))
            {
                ctx.Replies.Error(state, ErrorCode.NotJoined);
                return;
            }

            if (f.User.IsPresent && !message.StringEquals(f.User, member.UserId))
            {
                ctx.Replies.Error(state, ErrorCode.SenderMismatch);
                return;
            }

            RemoveMember(state, state.Room!, member);
        }
    }

    private void RemoveMember(ConnectionState state, Room room, Member member)
    {
        room.RemoveMember(member);
        state.Log.Information("Left room={Room} ({Count}/{Capacity})", room.Fingerprint, room.Members.Count, ctx.Options.MaxRoomUsers);
        if (room.Members.Count == 0)
        {
            ctx.Registry.Remove(room);
        }
        else
        {
            BroadcastOnline(room);
        }
    }

    private void Relay(ConnectionState state, in InboundMessage message)
    {
        var f = message.Fields;
        if (!f.To.IsString || !RelayBody.IsValid(message) || !SenderFields.AreWellTyped(message))
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        DirectedRelay.Deliver(ctx, state, message, f.To, "to", static (in InboundMessage m, string from) => MessageWriter.PassThrough(m, null, from));
    }

    private static void BroadcastOnline(Room room)
    {
        var online = HomecallMessages.Online(room);
        foreach (var m in room.Members)
        {
            m.Connection?.Send(online);
        }
    }
}
