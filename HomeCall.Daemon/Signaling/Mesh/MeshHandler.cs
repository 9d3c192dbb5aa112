using HomeCall.Daemon.Access;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling.Mesh;

/// <summary>
/// Mesh rooms (docs/protocol.md §6): joined from the URL at connect, `participants` to the
/// joiner, `participant-joined`/`participant-left` to the others, and offer/answer/
/// ice-candidate built afresh as {type, fromUserId, sdp|candidate} for `targetUserId`.
/// </summary>
internal sealed class MeshHandler(SignalingContext ctx) : IDialectHandler
{
    public Dialect Dialect => Dialect.Mesh;

    /// <summary>docs/protocol.md §4: the room endpoint's URL names a `roomId`.</summary>
    public bool IsSelectedBy(IConnection connection) =>
        connection.Endpoint == EndpointKind.Room && MeshParameters.IsMesh(connection.Query);

    /// <summary>docs/protocol.md §6.1: the URL's identity joins the room at once.</summary>
    public void Open(ClientState state)
    {
        var parameters = MeshParameters.TryRead(state.Connection.Query, out var invalid);
        if (parameters is null)
        {
            ctx.Replies.Error(state, ErrorCode.InvalidParameters, "parameter", invalid);
            state.Connection.Close(CloseStatus.PolicyViolation, "invalid parameters");
            return;
        }

        var request = new AccessRequest(Dialect.Mesh, parameters.RoomId, parameters.UserId, AccessTokens.FromQuery(state.Connection.Query));
        ctx.Access.Admit(state, request, grant => Join(state, parameters, request, grant)); // docs/protocol.md §12
    }

    private void Join(ClientState state, MeshParameters parameters, AccessRequest request, AccessGrant grant)
    {
        var lines = new RoomLogLines();
        Join(state, parameters, request, grant, ref lines);
        lines.WriteTo(state.Log); // After the registry lock (RoomLogLines).
    }

    private void Join(ClientState state, MeshParameters parameters, AccessRequest request, AccessGrant grant, ref RoomLogLines lines)
    {
        using var rooms = ctx.Registry.Lock();
        var room = rooms.Find(Dialect.Mesh, parameters.RoomId);
        var old = room?.FindUser(parameters.UserId);
        if (room is not null && old is null && room.Members.Count >= ctx.Options.MaxRoomUsers)
        {
            ctx.Replies.Error(state, ErrorCode.RoomFull);
            state.Connection.Close(CloseStatus.PolicyViolation, "room full");
            return;
        }

        if (room is null && !ctx.Access.TryCreate(state, request, grant))
        {
            return;
        }

        if (old is not null)
        {
            Replace(rooms, old, ref lines);
        }

        Enter(rooms, state, parameters, ref lines);
    }

    private void Enter(RoomLock rooms, ClientState state, MeshParameters parameters, ref RoomLogLines lines)
    {
        var room = rooms.Find(Dialect.Mesh, parameters.RoomId); // Replacing the last member removed it.
        if (room is null)
        {
            room = new Room(Dialect.Mesh, parameters.RoomId, ctx.Fingerprints, ctx.Time.GetUtcNow());
            rooms.Add(room);
        }

        var member = room.AddMember(parameters.UserId, parameters.UserName, ctx.Time.GetUtcNow(), state.Connection);
        state.Room = room;
        lines.Add(RoomLogLine.Joined(room, ctx.Options.MaxRoomUsers));
        Joined(state, room, member);
    }

    /// <summary>A successful join (docs/protocol.md §6.1): `participants` to the joiner, `participant-joined` to the others.</summary>
    private void Joined(ClientState state, Room room, Member member)
    {
        state.Connection.Send(MeshMessages.Participants(room));
        ctx.Ice.Joined(state.Connection, room); // docs/protocol.md §3.8: after the join reply (`participants`).
        var joined = MeshMessages.ParticipantJoined(room, member);
        foreach (var other in room.Members.Where(m => m != member))
        {
            other.Connection?.Send(joined);
        }
    }

    public void Handle(ClientState state, in InboundMessage message)
    {
        // docs/protocol.md §6.2: a mesh client only relays; its identity came from the URL.
        var f = message.Fields;
        if (message.Type is not (MessageType.Offer or MessageType.Answer or MessageType.IceCandidate)
            || !f.TargetUserId.IsString || !RelayBody.IsValid(message) || !SenderFields.AreWellTyped(message))
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        // Like homecall's `to`, user-not-found names the target so a client with several
        // offers in flight knows which one failed.
        DirectedRelay.Deliver(ctx, state, message, f.TargetUserId, "targetUserId", MeshMessages.Relay);
    }

    public void Unreadable(ClientState state) => ctx.Replies.Error(state, ErrorCode.InvalidMessage);

    public void Refuse(ClientState state, string code) => ctx.Replies.Error(state, code);

    public void Disconnected(RoomLock rooms, ClientState state, ref RoomLogLines lines)
    {
        if (state.Membership is { } member)
        {
            Remove(rooms, member, ref lines);
        }
    }

    private void Replace(RoomLock rooms, Member old, ref RoomLogLines lines)
    {
        lines.Add(RoomLogLine.Replaced(old.Room));
        if (old.Connection is { } oldConnection)
        {
            ctx.Replies.ErrorTo(oldConnection, Dialect.Mesh, ErrorCode.Replaced, null);
            oldConnection.Close(CloseStatus.Replaced, "replaced by a newer connection");
        }

        Remove(rooms, old, ref lines);
    }

    private void Remove(RoomLock rooms, Member member, ref RoomLogLines lines)
    {
        var room = member.Room;
        room.RemoveMember(member);
        lines.Add(RoomLogLine.Left(room, ctx.Options.MaxRoomUsers));
        if (room.Members.Count == 0)
        {
            rooms.Remove(room);
            return;
        }

        var left = MeshMessages.ParticipantLeft(room, member);
        foreach (var other in room.Members)
        {
            other.Connection?.Send(left);
        }
    }
}
