using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
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
    /// Wire names of message types and known fields are at most this many bytes (the longest,
    /// "ice-candidate", has 13); <see cref="NameLookup{T}"/> refuses a longer one when its
    /// table is built, so an escaped token too long to be unescaped here is none of them.
    /// </summary>
    public const int MaxNameBytes = 16;

    /// <summary>Room for the text of any escaped token that could be one of those names.</summary>
    private const int NameBufferBytes = MaxNameBytes * JsonStringToken.MaxEscapeExpansion;

    /// <summary>The member names the parser reads: `type` (the message's own, so no known field) and every known field.</summary>
    private static readonly NameLookup<KnownField?> MemberNames =
        new([("type", null), .. KnownFields.Table.Select(known => (known.Name, (KnownField?)known))], MaxNameBytes);

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
        var walker = new JsonObjectWalker(json, MaxDepth);
        var typeField = default(JsonField);
        while (walker.MoveNext(out var member))
        {
            var key = json[member.KeyStart..member.KeyEnd];
            if (member.KeyEscaped)
            {
                JsonStringToken.EnsureDecodable(key); // Any field name, known or not (docs/protocol.md §3.1).
            }

            if (!TryFind(key, member.KeyEscaped, MemberNames, out var known))
            {
                continue; // A field no dialect reads: passed through or dropped by the handler.
            }

            var field = new JsonField(member.ValueStart, member.ValueEnd, member.Kind);
            if (member.ValueEscaped && (known is null || known.IsDecoded))
            {
                // `type` and identity values are decoded by whoever reads them: they must decode.
                JsonStringToken.EnsureDecodable(json[field.Start..field.End]);
            }

            if (known is not null)
            {
                if (!Store(ref fields, known, field))
                {
                    return false;
                }
            }
            else if (typeField.IsPresent)
            {
                return false;
            }
            else
            {
                typeField = field;
                type = field.IsString && TryFind(json[field.Start..field.End], member.ValueEscaped, MessageTypeNames.Lookup, out var named)
                    ? named
                    : MessageType.Unknown;
            }
        }

        // The object must be the whole message.
        return walker.IsComplete && typeField.IsString;
    }

    /// <summary>The value a key or `type` token names in <paramref name="names"/>, unescaping it first if it holds escapes.</summary>
    private static bool TryFind<T>(ReadOnlySpan<byte> token, bool escaped, NameLookup<T> names, [MaybeNullWhen(false)] out T value) =>
        escaped ? TryFindUnescaped(token, names, out value) : names.TryFind(token[1..^1], out value);

    /// <summary>Apart, so that the stack buffer (zeroed on entry) costs only the rare escaped name, not every plain one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryFindUnescaped<T>(ReadOnlySpan<byte> token, NameLookup<T> names, [MaybeNullWhen(false)] out T value)
    {
        Span<byte> text = stackalloc byte[NameBufferBytes];
        if (JsonStringToken.TryUnescape(token, text, out var length))
        {
            return names.TryFind(text[..length], out value);
        }

        value = default;
        return false;
    }

    /// <summary>Stores a known field; false when it was already present (a duplicated key is ambiguous, so invalid).</summary>
    private static bool Store(ref KnownFields fields, KnownField known, JsonField value)
    {
        ref var target = ref known.In(ref fields);
        if (target.IsPresent)
        {
            return false;
        }

        target = value;
        return true;
    }
}
