using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling.Homecall;

/// <summary>
/// Who is in a homecall room (docs/protocol.md §5.1): joining, replacing an older connection of
/// the same user, leaving; every change sends the new `online` list to every member. Callers
/// hold the registry lock.
/// </summary>
internal sealed class HomecallMembership(SignalingContext ctx)
{
    /// <summary>Full for a newcomer; a returning user replaces itself, and a member renaming itself in its own room frees its place first.</summary>
    public bool IsFull(Room? room, Member? current, string user)
    {
        if (room is null || room.FindUser(user) is not null)
        {
            return false;
        }

        var others = room.Members.Count - (current?.Room == room ? 1 : 0);
        return others >= ctx.Options.MaxRoomUsers;
    }

    public void Enter(RoomLock rooms, ClientState state, string roomId, string user, ref RoomLogLines lines)
    {
        var room = rooms.Find(Dialect.Homecall, roomId); // Leaving the previous room may have removed it.
        if (room is null)
        {
            room = new Room(Dialect.Homecall, roomId, ctx.Fingerprints, ctx.Time.GetUtcNow());
            rooms.Add(room);
        }

        if (room.FindUser(user) is { } old)
        {
            Replace(old, ref lines); // docs/protocol.md §3.5: the older connection of the same user is replaced.
        }

        room.AddMember(user, null, ctx.Time.GetUtcNow(), state.Connection);
        state.Room = room;
        lines.Add(RoomLogLine.Joined(room, ctx.Options.MaxRoomUsers));
        Joined(state, room);
    }

    /// <summary>A successful join (docs/protocol.md §5.1): every member, the joiner too, gets the new `online` list.</summary>
    private void Joined(ClientState state, Room room)
    {
        BroadcastOnline(room);
        ctx.Ice.Joined(state.Connection, room); // docs/protocol.md §3.8: after the join reply (`online`).
    }

    public void Remove(RoomLock rooms, Member member, ref RoomLogLines lines)
    {
        var room = member.Room;
        room.RemoveMember(member);
        lines.Add(RoomLogLine.Left(room, ctx.Options.MaxRoomUsers));
        if (room.Members.Count == 0)
        {
            rooms.Remove(room);
        }
        else
        {
            BroadcastOnline(room);
        }
    }

    public static void BroadcastOnline(Room room)
    {
        var online = HomecallMessages.Online(room);
        foreach (var m in room.Members)
        {
            m.Connection?.Send(online);
        }
    }

    private void Replace(Member old, ref RoomLogLines lines)
    {
        var room = old.Room;
        room.RemoveMember(old);
        lines.Add(RoomLogLine.Replaced(room));
        if (old.Connection is { } oldConnection)
        {
            ctx.Replies.ErrorTo(oldConnection, Dialect.Homecall, ErrorCode.Replaced, null);
            oldConnection.Close(CloseStatus.Replaced, "replaced by a newer connection");
        }

        BroadcastOnline(room);
    }
}
