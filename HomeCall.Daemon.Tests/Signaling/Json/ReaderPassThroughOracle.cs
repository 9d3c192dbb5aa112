using System.Text.Json;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>
/// MessageWriter.PassThrough as it was before the scanner (commit 2c23b05), kept verbatim as
/// the oracle of the differential tests: a second reader walk that copies every member
/// except the stamped ones, on this thread's <see cref="MessageWriter"/> buffer.
/// </summary>
internal static class ReaderPassThroughOracle
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MessageParser.MaxDepth };

    public static byte[] PassThrough(in InboundMessage message, string? room, string from)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, MessageTypeNames.Utf8(message.Type));
        if (room is not null)
        {
            w.WriteString("room"u8, room);
        }

        w.WriteString("from"u8, from);
        var reader = new Utf8JsonReader(message.Json, ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var stamped = reader.ValueTextEquals("type"u8) || reader.ValueTextEquals("from"u8)
                || (room is not null && reader.ValueTextEquals("room"u8));
            if (!stamped)
            {
                if (reader.ValueIsEscaped)
                {
                    w.WritePropertyName(reader.GetString()!);
                }
                else
                {
                    w.WritePropertyName(reader.ValueSpan);
                }
            }

            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!stamped)
            {
                w.WriteRawValue(message.Json[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }
        }

        w.WriteEndObject();
        return MessageWriter.Finish(w);
    }
}
