using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HomeCall.Daemon.Http;

/// <summary>Writes the /health and /rooms JSON bodies with <see cref="Utf8JsonWriter"/>.</summary>
internal static class JsonResponses
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Health(RegistrySnapshot snapshot, int connections, TimeSpan uptime, string version, DateTimeOffset now, bool withDetails)
    {
        return Write(w =>
        {
            w.WriteString("status", "ok");
            w.WriteNumber("rooms", snapshot.Rooms);
            w.WriteNumber("connections", connections);
            w.WriteNumber("uptimeSeconds", (long)uptime.TotalSeconds);
            w.WriteString("version", version);
            w.WriteString("timestamp", now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            if (withDetails)
            {
                w.WritePropertyName("roomDetails");
                WriteRooms(w, snapshot.Details);
            }
        });
    }

    public static byte[] Rooms(RegistrySnapshot snapshot) => Write(w =>
    {
        w.WritePropertyName("rooms");
        WriteRooms(w, snapshot.Details);
    });

    private static void WriteRooms(Utf8JsonWriter w, IReadOnlyList<RoomView> rooms)
    {
        w.WriteStartArray();
        foreach (var room in rooms)
        {
            w.WriteStartObject();
            w.WriteString("roomId", room.RoomId);
            w.WriteString("dialect", room.Dialect);
            w.WriteNumber("participantCount", room.Participants.Count);
            w.WriteStartArray("participants");
            foreach (var p in room.Participants)
            {
                w.WriteStartObject();
                w.WriteString("id", p.Id);
                w.WriteString("name", p.Name);
                w.WriteNumber("joinedAt", p.JoinedAt);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
