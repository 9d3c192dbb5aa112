using System.Text.Json;
using HomeCall.Daemon.Signaling.Json;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Reads a message with <see cref="JsonObjectWalker"/> (one vectorized pass, no allocation):
/// it must be one JSON object, nested at most 32 levels, with a string `type` and no known
/// field twice. Anything else is invalid (docs/protocol.md §3.1). Escaped property names and escaped
/// identity values (room, user, to, …) must decode to valid UTF-16: a lone surrogate escape
/// such as "\ud800" would otherwise throw later, when a handler reads the value. Opaque
/// bodies (sdp, candidate, payload) are copied raw and not decoded. What is accepted is
/// exactly what the former <see cref="Utf8JsonReader"/> walk accepted (MaxDepth 32, no
/// comments, no trailing commas); the tests keep that walk as an oracle.
/// </summary>
internal static class MessageParser
{
    /// <summary>docs/protocol.md §3.1: nesting deeper than 32 levels is invalid-message.</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// The longest wire name of a message type or known field, in bytes ("targetUserId" has 12):
    /// an escaped token longer than this many names, unescaped, is none of them.
    /// <see cref="NameLookup{T}"/> refuses a longer name when its table is built.
    /// </summary>
    public const int MaxNameBytes = 16;

    /// <summary>Room for the text of any escaped token that could be one of those names.</summary>
    private const int NameBufferBytes = MaxNameBytes * JsonStringToken.MaxEscapeExpansion;

    public static bool TryParse(ReadOnlySpan<byte> json, out MessageType type, out KnownFields fields)
    {
        type = MessageType.Unknown;
        fields = default;
        try
        {
            return Read(json, ref type, ref fields);
        }
        catch (InvalidOperationException)
        {
            return false; // An escape that does not decode (a lone surrogate).
        }
    }

    private static bool Read(ReadOnlySpan<byte> json, ref MessageType type, ref KnownFields fields)
    {
        Span<byte> text = stackalloc byte[NameBufferBytes];
        var walker = new JsonObjectWalker(json, MaxDepth);
        var typeField = default(JsonField);
        while (walker.MoveNext(out var member))
        {
            var key = json[member.KeyStart..member.KeyEnd];
            if (member.KeyEscaped)
            {
                JsonStringToken.EnsureDecodable(key); // Any field name, known or not (docs/protocol.md §3.1).
            }

            var name = Text(key, member.KeyEscaped, text);
            var field = new JsonField(member.ValueStart, member.ValueEnd, member.Kind);
            if (name.SequenceEqual("type"u8))
            {
                if (typeField.IsPresent)
                {
                    return false;
                }

                typeField = field;
                type = TypeOf(json[field.Start..field.End], field, member.ValueEscaped, text);
            }
            else if (KnownFields.TryFind(name, out var known) && !Store(json, ref fields, known, field, member.ValueEscaped))
            {
                return false;
            }
        }

        // The object must be the whole message.
        return walker.IsComplete && typeField.IsString;
    }

    /// <summary>The message type a `type` value names; a non-string type is unknown (and the message invalid).</summary>
    private static MessageType TypeOf(ReadOnlySpan<byte> value, JsonField field, bool escaped, Span<byte> text)
    {
        if (!field.IsString)
        {
            return MessageType.Unknown;
        }

        if (escaped)
        {
            JsonStringToken.EnsureDecodable(value);
        }

        return MessageTypeNames.Find(Text(value, escaped, text));
    }

    /// <summary>
    /// The text of a key or `type` token as UTF-8, unescaped into <paramref name="text"/> when it
    /// holds escapes; empty (no name) when it is too long to be any name once unescaped.
    /// </summary>
    private static ReadOnlySpan<byte> Text(ReadOnlySpan<byte> token, bool escaped, Span<byte> text)
    {
        if (!escaped)
        {
            return token[1..^1];
        }

        return JsonStringToken.TryUnescape(token, text, out var length) ? text[..length] : default;
    }

    /// <summary>
    /// Stores a known field; false when it was already present (a duplicated key is ambiguous,
    /// so invalid). A decoded field's escapes must decode; an opaque one is never decoded.
    /// </summary>
    private static bool Store(ReadOnlySpan<byte> json, ref KnownFields fields, KnownField known, JsonField value, bool escaped)
    {
        if (escaped && known.IsDecoded)
        {
            JsonStringToken.EnsureDecodable(json[value.Start..value.End]);
        }

        ref var target = ref known.In(ref fields);
        if (target.IsPresent)
        {
            return false;
        }

        target = value;
        return true;
    }
}
