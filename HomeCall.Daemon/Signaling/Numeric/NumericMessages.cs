using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling.Numeric;

/// <summary>Messages of the numeric dialect (docs/protocol.md §7.1), all built afresh.</summary>
internal static class NumericMessages
{
    /// <summary>{"type":"room_created"|"room_joined","roomId","myId"}.</summary>
    public static byte[] Joined(ReadOnlySpan<byte> type, string roomId, string myId)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, type);
        w.WriteString("roomId"u8, roomId);
        w.WriteString("myId"u8, myId);
        w.WriteEndObject();
        return MessageWriter.Finish(w);
    }

    /// <summary>Exactly {"type":"signal","senderId","payload"}; the payload is copied byte for byte into a buffer of <paramref name="pool"/>.</summary>
    public static MessageLease Signal(in InboundMessage message, string senderId, MessagePool pool)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, "signal"u8);
        w.WriteString("senderId"u8, senderId);
        w.WritePropertyName("payload"u8);
        w.WriteRawValue(message.Raw(message.Fields.Payload), skipInputValidation: true);
        w.WriteEndObject();
        return MessageWriter.FinishPooled(w, pool);
    }
}
