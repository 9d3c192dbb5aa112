using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using HomeCall.Daemon.Signaling.Json;

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

    /// <summary>Escaped names up to this many bytes are decoded on the stack; longer ones into a pooled array.</summary>
    private const int StackNameBytes = 256;

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
        var json = message.Json;
        var walker = new JsonObjectWalker(json, MessageParser.MaxDepth);
        while (walker.MoveNext(out var member))
        {
            var key = json[member.KeyStart..member.KeyEnd];
            var stamped = JsonStringToken.TextEquals(key, member.KeyEscaped, "type"u8)
                || JsonStringToken.TextEquals(key, member.KeyEscaped, "from"u8)
                || (room is not null && JsonStringToken.TextEquals(key, member.KeyEscaped, "room"u8));
            if (!stamped)
            {
                WriteName(w, key, member.KeyEscaped);
                w.WriteRawValue(json[member.ValueStart..member.ValueEnd], skipInputValidation: true);
            }
        }

        w.WriteEndObject();
        return Finish(w);
    }

    /// <summary>
    /// A plain name is written from its bytes; an escaped one is decoded first, so the writer
    /// re-escapes it in its own style (a client's "\u0061" arrives as "a").
    /// </summary>
    private static void WriteName(Utf8JsonWriter w, ReadOnlySpan<byte> token, bool escaped)
    {
        if (!escaped)
        {
            w.WritePropertyName(token[1..^1]);
        }
        else if (token.Length <= StackNameBytes)
        {
            Span<char> name = stackalloc char[StackNameBytes];
            w.WritePropertyName(name[..JsonStringToken.Decode(token, name)]);
        }
        else
        {
            var rented = ArrayPool<char>.Shared.Rent(token.Length);
            try
            {
                w.WritePropertyName(rented.AsSpan(0, JsonStringToken.Decode(token, rented)));
            }
            finally
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
