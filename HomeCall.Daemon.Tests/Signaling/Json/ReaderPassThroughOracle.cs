using System.Buffers;
using System.Text.Json;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>
/// MessageWriter.PassThrough as docs/protocol.md §3.1 describes it, built independently as the
/// oracle of the differential tests: the stamped members written by a writer of its own, then a
/// second reader walk that appends every other member as the bytes it arrived as (name token
/// and value) rather than through a writer that would re-escape the name.
/// </summary>
internal static class ReaderPassThroughOracle
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MessageParser.MaxDepth };

    public static byte[] PassThrough(in InboundMessage message, string? room, string from)
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write(Stamped(message.Type, room, from));
        var reader = new Utf8JsonReader(message.Json, ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var stamped = reader.ValueTextEquals("type"u8) || reader.ValueTextEquals("from"u8)
                || (room is not null && reader.ValueTextEquals("room"u8));
            var nameStart = (int)reader.TokenStartIndex;
            var name = message.Json.Slice(nameStart, reader.ValueSpan.Length + "\"\"".Length);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!stamped)
            {
                output.Write(","u8);
                output.Write(name);
                output.Write(":"u8);
                output.Write(message.Json[start..(int)reader.BytesConsumed]);
            }
        }

        output.Write("}"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>`{"type":…,"room":…,"from":…` (room only when stamped), without the closing brace.</summary>
    private static byte[] Stamped(MessageType type, string? room, string from)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, MessageTypeNames.Utf8(type));
            if (room is not null)
            {
                writer.WriteString("room"u8, room);
            }

            writer.WriteString("from"u8, from);
            writer.WriteEndObject();
        }

        return output.WrittenSpan[..^"}".Length].ToArray();
    }
}
