using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Writes outgoing messages with <see cref="Utf8JsonWriter"/> into a per-thread buffer
/// that is reused, so building a message allocates only its final byte array (the one
/// buffer that is queued to the recipients, shared when there are several).
/// </summary>
internal static class MessageWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep Cyrillic texts and user names readable; the output is still valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MessageParser.MaxDepth };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Starts a message on this thread's writer; finish it with <see cref="Finish"/> before starting another.</summary>
    public static Utf8JsonWriter Start()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        return writer;
    }

    public static byte[] Finish(Utf8JsonWriter writer)
    {
        writer.Flush();
        return t_buffer!.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A relay that keeps the sender's fields (spec §2: unknown fields pass through) but
    /// stamps `type`, `from` and, on /signal, `room` from what the server knows.
    /// </summary>
    public static byte[] PassThrough(in InboundMessage message, string? room, string from)
    {
        var w = Start();
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
        return Finish(w);
    }
}
