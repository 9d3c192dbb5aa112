using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Mesh rooms (docs/protocol.md §6): joined from the URL at connect, `participants` to the
/// joiner, `participant-joined`/`participant-left` to the others, and offer/answer/
/// ice-candidate built afresh as {type, fromUserId, sdp|candidate} for `targetUserId`.
/// </summary>
internal sealed class MeshHandler(SignalingContext ctx)
{
    public void Open(ConnectionState state)
    {
        state.Dialect = Dialect.Mesh;
        var parameters = MeshParameters.TryRead(state.Connection.Query, out var invalid);
        if (parameters is null)
        {
            ctx.Replies.Error(state, ErrorCode.InvalidParameters, "parameter", invalid);
            state.Connection.Close(CloseStatus.PolicyViolation, "invalid parameters");
            return;
        }

        lock (ctx.Registry.Gate)
        {
            var room = ctx.Registry.Find(Dialect.Mesh, parameters.RoomId);
            var old = room?.FindUser(parameters.UserId);
            if (room is not null && old is null && room.Members.Count >= ctx.Options.MaxRoomUsers)
            {
                ctx.Replies.Error(state, ErrorCode.RoomFull);
                state.Connection.Close(CloseStatus.PolicyViolation, "room full");
                return;
            }

            if (old is not null)
            {
                Replace(state, room!, old);
            }

            Enter(state, parameters);
        }
    }

    private void Enter(ConnectionState state, MeshParameters parameters)
    {
        var room = ctx.Registry.Find(Dialect.Mesh, parameters.RoomId); // Replacing the last member removed it.
        if (room is null)
        {
            room = new Room(Dialect.Mesh, parameters.RoomId, ctx.Fingerprints, ctx.Time.GetUtcNow());
            ctx.Registry.Add(room);
        }

        var member = new Member(parameters.UserId, parameters.UserName, ctx.Time.GetUtcNow(), state.Connection);
        room.AddMember(member);
        state.Room = room;
        state.Log.Information("Joined room={Room} ({Count}/{Capacity})", room.Fingerprint, room.Members.Count, ctx.Options.MaxRoomUsers);
        state.Connection.Send(MeshMessages.Participants(room));
        ctx.Ice.Joined(state.Connection, room); // docs/protocol.md §3.8: after the join reply (`participants`).
        var joined = MeshMessages.ParticipantJoined(room, member);
        foreach (var other in room.Members.Where(m => m != member))
        {
            other.Connection?.Send(joined);
        }
    }

    public void Handle(ConnectionState state, in InboundMessage message)
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

    public void Disconnected(ConnectionState state)
    {
        lock (ctx.Registry.Gate)
        {
            if (state.Membership is { } member)
            {
                Remove(state, state.Room!, member);
            }
        }
    }

    private void Replace(ConnectionState state, Room room, Member old)
    {
        state.Log.Information("Replaced an older connection of the same user in room={Room}", room.Fingerprint);
        if (old.Connection is { } oldConnection)
        {
            ctx.Replies.ErrorTo(oldConnection, Dialect.Mesh, ErrorCode.Replaced, null);
            oldConnection.Close(CloseStatus.Replaced, "replaced by a newer connection");
        }

        Remove(state, room, old);
    }

    private void Remove(ConnectionState state, Room room, Member member)
    {
        room.RemoveMember(member);
        state.Log.Information("Left room={Room} ({Count}/{Capacity})", room.Fingerprint, room.Members.Count, ctx.Options.MaxRoomUsers);
        if (room.Members.Count == 0)
        {
            ctx.Registry.Remove(room);
            return;
        }

        var left = MeshMessages.ParticipantLeft(room, member);
        foreach (var other in room.Members)
        {
            other.Connection?.Send(left);
        }
    }
}
