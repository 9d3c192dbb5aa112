using System.Text.Json;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling.Mesh;

/// <summary>Messages of the mesh dialect (docs/protocol.md §6), all built afresh in exactly the shape its clients read.</summary>
internal static class MeshMessages
{
    /// <summary>{type, fromUserId, sdp} or, for ice-candidate, {type, fromUserId, candidate}, in a buffer of <paramref name="pool"/>.</summary>
    public static MessageLease Relay(in InboundMessage message, string from, MessagePool pool)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, MessageTypeNames.Utf8(message.Type));
        w.WriteString("fromUserId"u8, from);
        w.WritePropertyName(message.Type == MessageType.IceCandidate ? "candidate"u8 : "sdp"u8);
        w.WriteRawValue(message.Raw(RelayBody.Of(message)), skipInputValidation: true);
        w.WriteEndObject();
        return MessageWriter.FinishPooled(w, pool);
    }

    /// <summary>{"type":"participants","roomId","participants":[{id,name,joinedAt}]} to the joiner.</summary>
    public static byte[] Participants(Room room)
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

    /// <summary>{"type":"participant-joined","roomId","participant":{id,name,joinedAt}} to the others.</summary>
    public static byte[] ParticipantJoined(Room room, Member member)
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

    /// <summary>{"type":"participant-left","roomId","userId"} to the others.</summary>
    public static byte[] ParticipantLeft(Room room, Member member)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, "participant-left"u8);
        w.WriteString("roomId"u8, room.Id);
        w.WriteString("userId"u8, member.UserId);
        w.WriteEndObject();
        return MessageWriter.Finish(w);
    }

    private static void WriteParticipant(Utf8JsonWriter w, Member m)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, m.UserId);
        w.WriteString("name"u8, m.DisplayName);
        w.WriteNumber("joinedAt"u8, m.JoinedAt.ToUnixTimeMilliseconds());
        w.WriteEndObject();
    }
}
