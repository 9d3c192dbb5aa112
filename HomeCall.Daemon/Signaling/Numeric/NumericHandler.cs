using HomeCall.Daemon.Access;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Signaling.Numeric;

/// <summary>
/// Numeric rooms (docs/protocol.md §7): create/join with replies carrying the per-connection
/// `myId`, `signal` relayed to every other member as exactly {type, senderId, payload},
/// rooms that outlive their members until ROOM_TIMEOUT_MS of inactivity, and a guard
/// against guessing room ids.
/// </summary>
internal sealed class NumericHandler(SignalingContext ctx) : IDialectHandler
{
    private readonly NumericJoinGuard _guard = new(ctx);
    private readonly NumericExpiry _expiry = new(ctx);
    private readonly NumericSignal _signal = new(ctx);

    public Dialect Dialect => Dialect.Numeric;

    /// <summary>docs/protocol.md §4: `create`, or a `join` with `roomId` and not both `room` and `user`.</summary>
    public bool IsSelectedBy(in InboundMessage message)
    {
        var f = message.Fields;
        return message.Type == MessageType.Create
            || (message.Type == MessageType.Join && f.RoomId.IsPresent && !(f.Room.IsPresent && f.User.IsPresent));
    }

    public void Handle(ClientState state, in InboundMessage message)
    {
        switch (message.Type)
        {
            case MessageType.Create:
                Create(state, message);
                break;
            case MessageType.Join:
                Join(state, message);
                break;
            case MessageType.Signal:
                _signal.Relay(state, message);
                break;
            default:
                ctx.Replies.Error(state, ErrorCode.InvalidMessage);
                break;
        }
    }

    public void Unreadable(ClientState state) => ctx.Replies.Error(state, ErrorCode.InvalidMessage);

    public void Refuse(ClientState state, string code) => ctx.Replies.Error(state, code);

    /// <summary>docs/protocol.md §7.2: idle rooms expire (join failures are the access guard's, swept by the hub).</summary>
    public void Sweep(RoomLock rooms, DateTimeOffset now, ILogger log) => _expiry.Sweep(rooms, now, log);

    public void Disconnected(RoomLock rooms, ClientState state, ref RoomLogLines lines)
    {
        if (state.Membership is { } member)
        {
            Remove(state, member, ref lines); // The room stays joinable until it expires.
        }
    }

    private void Create(ClientState state, in InboundMessage message)
    {
        state.Use(this);
        var request = new AccessRequest(Dialect.Numeric, null, null, AccessTokens.Of(message, state));
        ctx.Access.Admit(state, request, grant => Create(state, request, grant)); // docs/protocol.md §12
    }

    private void Create(ClientState state, AccessRequest request, AccessGrant grant)
    {
        var lines = new RoomLogLines();
        Create(state, request, grant, ref lines);
        lines.WriteTo(state.Log); // After the registry lock (RoomLogLines).
    }

    private void Create(ClientState state, AccessRequest request, AccessGrant grant, ref RoomLogLines lines)
    {
        using var rooms = ctx.Registry.Lock();
        var id = NumericRoomIds.Pick(rooms);
        if (id is null)
        {
            ctx.Replies.Error(state, ErrorCode.NoFreeRooms);
            return;
        }

        if (!ctx.Access.TryCreate(state, request, grant))
        {
            return;
        }

        if (state.Membership is { } previous)
        {
            Remove(state, previous, ref lines);
        }

        var room = new Room(Dialect.Numeric, id, ctx.Fingerprints, ctx.Time.GetUtcNow());
        rooms.Add(room);
        Enter(state, room, "room_created"u8, ref lines);
    }

    private void Join(ClientState state, in InboundMessage message)
    {
        if (!FieldRules.IsValid(message, message.Fields.RoomId, FieldRules.MaxRoomLength, out var roomId))
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        state.Use(this); // docs/protocol.md §4: a valid join with roomId fixes the dialect.
        var request = new AccessRequest(Dialect.Numeric, roomId, null, AccessTokens.Of(message, state));
        ctx.Access.Admit(state, request, _ => Join(state, roomId)); // docs/protocol.md §12
    }

    private void Join(ClientState state, string roomId)
    {
        var lines = new RoomLogLines();
        Join(state, roomId, ref lines);
        lines.WriteTo(state.Log); // After the registry lock (RoomLogLines).
    }

    private void Join(ClientState state, string roomId, ref RoomLogLines lines)
    {
        using var rooms = ctx.Registry.Lock();
        if (_guard.Find(rooms, state, roomId) is not { } room)
        {
            return;
        }

        var previous = state.Membership;
        if (previous?.Room == room)
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
            Remove(state, previous, ref lines);
        }

        Enter(state, room, "room_joined"u8, ref lines);
    }

    private void Enter(ClientState state, Room room, ReadOnlySpan<byte> replyType, ref RoomLogLines lines)
    {
        room.AddMember(state.MyId, null, ctx.Time.GetUtcNow(), state.Connection);
        room.LastActivity = ctx.Time.GetUtcNow();
        state.Room = room;
        lines.Add(RoomLogLine.Joined(room, ctx.Options.MaxRoomUsers));
        Joined(state, room, replyType);
    }

    /// <summary>A successful create or join (docs/protocol.md §7.1): the joiner gets room_created or room_joined with its myId.</summary>
    private void Joined(ClientState state, Room room, ReadOnlySpan<byte> replyType)
    {
        Reply(state, room, replyType);
        ctx.Ice.Joined(state.Connection, room); // docs/protocol.md §3.8: after `room_created` / `room_joined`.
    }

    private static void Reply(ClientState state, Room room, ReadOnlySpan<byte> replyType) =>
        state.Connection.Send(NumericMessages.Joined(replyType, room.Id, state.MyId));

    private void Remove(ClientState state, Member member, ref RoomLogLines lines)
    {
        var room = member.Room;
        room.RemoveMember(member); // Not activity (docs/protocol.md §7.2): only create, join and signal are.
        lines.Add(RoomLogLine.Left(room, ctx.Options.MaxRoomUsers));
    }
}
