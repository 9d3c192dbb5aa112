using System.Text.Json;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>
/// MessageParser as it was before the scanner (commit 2c23b05), kept verbatim as the oracle
/// of the differential tests: <see cref="Utf8JsonReader"/> with MaxDepth 32 decides what is
/// valid and Skip() finds where each value ends.
/// </summary>
internal static class ReaderOracle
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = MessageParser.MaxDepth };

    public static bool TryParse(ReadOnlySpan<byte> json, out MessageType type, out KnownFields fields)
    {
        type = MessageType.Unknown;
        fields = default;
        try
        {
            return Read(json, ref type, ref fields);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // An escape that does not decode (a lone surrogate).
        }
    }

    private static bool Read(ReadOnlySpan<byte> json, ref MessageType type, ref KnownFields fields)
    {
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var typeField = default(JsonField);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            EnsureDecodable(ref reader);
            var slot = Slot(ref reader);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var kind = reader.TokenType;
            if (kind == JsonTokenType.String && slot is not (FieldSlot.Other or FieldSlot.Sdp or FieldSlot.Candidate or FieldSlot.Payload))
            {
                EnsureDecodable(ref reader);
            }

            reader.Skip();
            var field = new JsonField(start, (int)reader.BytesConsumed, kind);
            if (slot == FieldSlot.Type)
            {
                if (typeField.IsPresent)
                {
                    return false;
                }

                typeField = field;
                type = kind == JsonTokenType.String ? TypeOf(json[field.Start..field.End]) : MessageType.Unknown;
            }
            else if (slot != FieldSlot.Other && !Store(ref fields, slot, field))
            {
                return false;
            }
        }

        // The object must be the whole message.
        return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && typeField.IsString;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> when an escaped token does not decode.</summary>
    private static void EnsureDecodable(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            _ = reader.GetString();
        }
    }

    private static MessageType TypeOf(ReadOnlySpan<byte> rawString)
    {
        var value = new Utf8JsonReader(rawString);
        value.Read();
        if (value.ValueTextEquals("offer"u8)) return MessageType.Offer;
        if (value.ValueTextEquals("answer"u8)) return MessageType.Answer;
        if (value.ValueTextEquals("candidate"u8)) return MessageType.Candidate;
        if (value.ValueTextEquals("ice-candidate"u8)) return MessageType.IceCandidate;
        if (value.ValueTextEquals("signal"u8)) return MessageType.Signal;
        if (value.ValueTextEquals("join"u8)) return MessageType.Join;
        if (value.ValueTextEquals("leave"u8)) return MessageType.Leave;
        if (value.ValueTextEquals("create"u8)) return MessageType.Create;
        return MessageType.Unknown;
    }

    private static FieldSlot Slot(ref Utf8JsonReader r)
    {
        if (r.ValueTextEquals("type"u8)) return FieldSlot.Type;
        if (r.ValueTextEquals("room"u8)) return FieldSlot.Room;
        if (r.ValueTextEquals("user"u8)) return FieldSlot.User;
        if (r.ValueTextEquals("from"u8)) return FieldSlot.From;
        if (r.ValueTextEquals("to"u8)) return FieldSlot.To;
        if (r.ValueTextEquals("sdp"u8)) return FieldSlot.Sdp;
        if (r.ValueTextEquals("candidate"u8)) return FieldSlot.Candidate;
        if (r.ValueTextEquals("roomId"u8)) return FieldSlot.RoomId;
        if (r.ValueTextEquals("targetUserId"u8)) return FieldSlot.TargetUserId;
        if (r.ValueTextEquals("fromUserId"u8)) return FieldSlot.FromUserId;
        if (r.ValueTextEquals("senderId"u8)) return FieldSlot.SenderId;
        if (r.ValueTextEquals("payload"u8)) return FieldSlot.Payload;
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
    }
}
