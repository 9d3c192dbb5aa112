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

    /// <summary>Key and type names are ASCII, the longest "ice-candidate" (13 bytes).</summary>
    private const int MaxNameBytes = 16;

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
        var walker = new JsonObjectWalker(json, MaxDepth);
        var typeField = default(JsonField);
        while (walker.MoveNext(out var member))
        {
            var slot = Slot(json[member.KeyStart..member.KeyEnd], member.KeyEscaped);
            var field = new JsonField(member.ValueStart, member.ValueEnd, member.Kind);
            if (member.ValueEscaped && slot is not (FieldSlot.Other or FieldSlot.Sdp or FieldSlot.Candidate or FieldSlot.Payload))
            {
                JsonStringToken.EnsureDecodable(json[field.Start..field.End]);
            }

            if (slot == FieldSlot.Type)
            {
                if (typeField.IsPresent)
                {
                    return false;
                }

                typeField = field;
                type = field.IsString ? TypeOf(json[field.Start..field.End], member.ValueEscaped) : MessageType.Unknown;
            }
            else if (slot != FieldSlot.Other && !Store(ref fields, slot, field))
            {
                return false;
            }
        }

        // The object must be the whole message.
        return walker.IsComplete && typeField.IsString;
    }

    private static MessageType TypeOf(ReadOnlySpan<byte> token, bool escaped)
    {
        if (!escaped)
        {
            return TypeNamed(token[1..^1]);
        }

        Span<byte> name = stackalloc byte[NameBufferBytes];
        return JsonStringToken.TryUnescape(token, name, out var length) ? TypeNamed(name[..length]) : MessageType.Unknown;
    }

    private static MessageType TypeNamed(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("offer"u8)) return MessageType.Offer;
        if (name.SequenceEqual("answer"u8)) return MessageType.Answer;
        if (name.SequenceEqual("candidate"u8)) return MessageType.Candidate;
        if (name.SequenceEqual("ice-candidate"u8)) return MessageType.IceCandidate;
        if (name.SequenceEqual("signal"u8)) return MessageType.Signal;
        if (name.SequenceEqual("join"u8)) return MessageType.Join;
        if (name.SequenceEqual("leave"u8)) return MessageType.Leave;
        if (name.SequenceEqual("create"u8)) return MessageType.Create;
        return MessageType.Unknown;
    }

    /// <summary>The slot of a key token; an escaped key must decode (throws <see cref="InvalidOperationException"/> otherwise).</summary>
    private static FieldSlot Slot(ReadOnlySpan<byte> token, bool escaped)
    {
        if (!escaped)
        {
            return SlotNamed(token[1..^1]);
        }

        JsonStringToken.EnsureDecodable(token);
        Span<byte> name = stackalloc byte[NameBufferBytes];
        return JsonStringToken.TryUnescape(token, name, out var length) ? SlotNamed(name[..length]) : FieldSlot.Other;
    }

    private static FieldSlot SlotNamed(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("type"u8)) return FieldSlot.Type;
        if (name.SequenceEqual("room"u8)) return FieldSlot.Room;
        if (name.SequenceEqual("user"u8)) return FieldSlot.User;
        if (name.SequenceEqual("from"u8)) return FieldSlot.From;
        if (name.SequenceEqual("to"u8)) return FieldSlot.To;
        if (name.SequenceEqual("sdp"u8)) return FieldSlot.Sdp;
        if (name.SequenceEqual("candidate"u8)) return FieldSlot.Candidate;
        if (name.SequenceEqual("roomId"u8)) return FieldSlot.RoomId;
        if (name.SequenceEqual("targetUserId"u8)) return FieldSlot.TargetUserId;
        if (name.SequenceEqual("fromUserId"u8)) return FieldSlot.FromUserId;
        if (name.SequenceEqual("senderId"u8)) return FieldSlot.SenderId;
        if (name.SequenceEqual("payload"u8)) return FieldSlot.Payload;
        if (name.SequenceEqual("token"u8)) return FieldSlot.Token;
        return FieldSlot.Other;
    }

    /// <summary>Stores a known field; false when it was already present (a duplicated key is ambiguous, so invalid).</summary>
    private static bool Store(ref KnownFields f, FieldSlot slot, JsonField value)
    {
        ref var target = ref SlotRef(ref f, slot);
        if (target.IsPresent)
        {
            return false;
        }

        target = value;
        return true;
    }

    private static ref JsonField SlotRef(ref KnownFields f, FieldSlot slot)
    {
        switch (slot)
        {
            case FieldSlot.Room: return ref f.Room;
            case FieldSlot.User: return ref f.User;
            case FieldSlot.From: return ref f.From;
            case FieldSlot.To: return ref f.To;
            case FieldSlot.Sdp: return ref f.Sdp;
            case FieldSlot.Candidate: return ref f.Candidate;
            case FieldSlot.RoomId: return ref f.RoomId;
            case FieldSlot.TargetUserId: return ref f.TargetUserId;
            case FieldSlot.FromUserId: return ref f.FromUserId;
            case FieldSlot.SenderId: return ref f.SenderId;
            case FieldSlot.Token: return ref f.Token;
            default: return ref f.Payload;
        }
    }

    private enum FieldSlot
    {
        Other,
        Type,
        Room,
        User,
        From,
        To,
        Sdp,
        Candidate,
        RoomId,
        TargetUserId,
        FromUserId,
        SenderId,
        Payload,
        Token,
    }
}
