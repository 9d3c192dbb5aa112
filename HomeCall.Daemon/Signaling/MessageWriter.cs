using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using HomeCall.Daemon.Signaling.Json;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Writes outgoing messages with <see cref="Utf8JsonWriter"/> into a per-thread buffer
/// that is reused, so building a message allocates only its final byte array (the one
/// buffer that is queued to the recipients, shared when there are several); a relay, the
/// hot path, allocates nothing: its bytes go to a pooled buffer (<see cref="MessagePool"/>).
/// </summary>
internal static class MessageWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep Cyrillic texts and user names readable; the output is still valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

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

    /// <summary>As <see cref="Finish"/>, into a buffer of <paramref name="pool"/>; the caller releases the lease.</summary>
    public static MessageLease FinishPooled(Utf8JsonWriter writer, MessagePool pool)
    {
        writer.Flush();
        return pool.Rent(t_buffer!.WrittenSpan);
    }

    /// <summary>
    /// A relay that keeps the sender's fields (docs/protocol.md §5.1, §8.1: unknown fields pass through) but
    /// stamps `type`, `from` and, on /signal, `room` from what the server knows. Every other
    /// member is copied as the bytes it arrived as, name and value (docs/protocol.md §3.1): a
    /// received string token is already valid JSON, and re-escaping it could make the relay
    /// several times its message (a raw DEL becomes `\u007F`) and overflow a receiver's queue.
    /// </summary>
    /// <returns>The relay in a buffer of <paramref name="pool"/>; the caller releases the lease.</returns>
    public static MessageLease PassThrough(in InboundMessage message, string? room, string from, MessagePool pool)
    {
        var w = Start();
        w.WriteStartObject();
        w.WriteString("type"u8, MessageTypeNames.Utf8(message.Type));
        if (room is not null)
        {
            w.WriteString("room"u8, room);
        }

        w.WriteString("from"u8, from);

        // The writer has no way to write a name as raw bytes: the rest goes into its buffer directly.
        w.Flush();
        var buffer = t_buffer!;
        var json = message.Json;
        var walker = new JsonObjectWalker(json, MessageParser.MaxDepth);
        while (walker.MoveNext(out var member))
        {
            var key = json[member.KeyStart..member.KeyEnd];
            if (!IsStamped(key, member.KeyEscaped, room is not null))
            {
                AppendMember(buffer, key, json[member.ValueStart..member.ValueEnd]);
            }
        }

        buffer.Write("}"u8);
        return pool.Rent(buffer.WrittenSpan);
    }

    private static bool IsStamped(ReadOnlySpan<byte> key, bool escaped, bool roomStamped) =>
        JsonStringToken.TextEquals(key, escaped, "type"u8)
        || JsonStringToken.TextEquals(key, escaped, "from"u8)
        || (roomStamped && JsonStringToken.TextEquals(key, escaped, "room"u8));

    /// <summary>`,"name":value` from the message's own name token and value bytes.</summary>
    private static void AppendMember(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> nameToken, ReadOnlySpan<byte> value)
    {
        buffer.Write(","u8);
        buffer.Write(nameToken);
        buffer.Write(":"u8);
        buffer.Write(value);
    }
}
