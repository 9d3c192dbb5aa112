using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Signaling.Homecall;

/// <summary>Server-built messages of the homecall dialect (docs/protocol.md §5.1); relays are passed through by <see cref="MessageWriter.PassThrough"/>.</summary>
internal static class HomecallMessages
{
    /// <summary>{"type":"online","room","users":[ids in join order]}.</summary>
    public static byte[] Online(Room room)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, "online"u8);
        w.WriteString("room"u8, room.Id);
        w.WriteStartArray("users"u8);
        foreach (var m in room.Members)
        {
            w.WriteStringValue(m.UserId);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        return MessageWriter.Finish(w);
    }
}
