using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Seed 003 rooms (spec §3.2): joined from the URL at connect, `participants` to the
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

            room = ctx.Registry.Find(Dialect.Mesh, parameters.RoomId); // Replacing the last member removed it.
            if (room is null)
            {
                room = new Room(Dialect.Mesh, parameters.RoomId, ctx.Time.GetUtcNow());
                ctx.Registry.Add(room);
            }

            var member = new Member(parameters.UserId, parameters.UserName, ctx.Time.GetUtcNow(), state.Connection);
            room.Members.Add(member);
            state.Room = room;
            state.Log.Information("Joined room={Room} ({Count}/{Capacity})", room.Fingerprint, room.Members.Count, ctx.Options.MaxRoomUsers);
            state.Connection.Send(Participants(room));
            var joined = ParticipantJoined(room, member);
            foreach (var other in room.Members.Where(m => m != member))
            {
                other.Connection?.Send(joined);
            }
        }
    }

    public void Handle(ConnectionState state, in InboundMessage message)
    {
        if (message.Type is not (MessageType.Offer or MessageType.Answer or MessageType.IceCandidate))
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        var f = message.Fields;
        var body = message.Type == MessageType.IceCandidate ? f.Candidate : f.Sdp;
        if (!f.TargetUserId.IsString || !body.IsPresent || !f.FromUserId.IsAbsentOrString)
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        var target = message.String(f.TargetUserId);
        lock (ctx.Registry.Gate)
        {
            var member = state.Membership;
            if (member is null)
            {
                ctx.Replies.Error(state, ErrorCode.NotJoined);
                return;
            }

            if (f.FromUserId.IsPresent && !message.StringEquals(f.FromUserId, member.UserId))
            {
                ctx.Replies.Error(state, ErrorCode.SenderMismatch);
                return;
            }

            if (state.Room!.FindUser(target)?.Connection is not { } connection
                || !connection.Send(Relay(message, member.UserId, body)))
            {
                ctx.Replies.Error(state, ErrorCode.UserNotFound);
                return;
            }

            ctx.Metrics.MessagesRelayed.Increment(MessageTypeNames.Of(message.Type));
        }
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
        room.Members.Remove(member);
        state.Log.Information("Left room={Room} ({Count}/{Capacity})", room.Fingerprint, room.Members.Count, ctx.Options.MaxRoomUsers);
        if (room.Members.Count == 0)
        {
            ctx.Registry.Remove(room);
            return;
        }

        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, "participant-left"u8);
        w.WriteString("roomId"u8, room.Id);
        w.WriteString("userId"u8, member.UserId);
        w.WriteEndObject();
        var left = MessageWriter.Finish(w);
        foreach (var other in room.Members)
        {
            other.Connection?.Send(left);
        }
    }

    private static byte[] Relay(in InboundMessage message, string from, JsonField body)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, MessageTypeNames.Utf8(message.Type));
        w.WriteString("fromUserId"u8, from);
        w.WritePropertyName(message.Type == MessageType.IceCandidate ? "candidate"u8 : "sdp"u8);
        w.WriteRawValue(message.Raw(body), skipInputValidation: true);
        w.WriteEndObject();
        return MessageWriter.Finish(w);
    }

    private static byte[] Participants(Room room)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, "participants"u8);
        w.WriteString("roomId"u8, room.Id);
        w.WriteStartArray("participants"u8);
        foreach (var m in room.Members)
        {
            WriteParticipant(w, m);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        return MessageWriter.Finish(w);
    }

    private static byte[] ParticipantJoined(Room room, Member member)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, "participant-joined"u8);
        w.WriteString("roomId"u8, room.Id);
        w.WritePropertyName("participant"u8);
        WriteParticipant(w, member);
        w.WriteEndObject();
        return MessageWriter.Finish(w);
    }

    private static void WriteParticipant(System.Text.Json.Utf8JsonWriter w, Member m)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, m.UserId);
        w.WriteString("name"u8, m.DisplayName);
        w.WriteNumber("joinedAt"u8, m.JoinedAt.ToUnixTimeMilliseconds());
        w.WriteEndObject();
    }
}
