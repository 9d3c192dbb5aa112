using System.Text.Json;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>
/// MessageParser as it was before the scanner (commit 2c23b05), kept as the oracle of the
/// differential tests: <see cref="Utf8JsonReader"/> with MaxDepth 32 decides what is valid and
/// Skip() finds where each value ends. Only the names are no longer its own: it reads the
/// vocabulary tables (<see cref="MessageTypeNames"/>, <see cref="KnownFields.Table"/>) as the
/// parser does, and compares them with the reader's <c>ValueTextEquals</c>.
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
            var isType = reader.ValueTextEquals("type"u8);
            var known = isType ? null : Known(ref reader);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var kind = reader.TokenType;
            if (kind == JsonTokenType.String && (isType || known is { IsDecoded: true }))
            {
                EnsureDecodable(ref reader);
            }

            reader.Skip();
            var field = new JsonField(start, (int)reader.BytesConsumed, kind);
            if (isType)
            {
                if (typeField.IsPresent)
                {
                    return false;
                }

                typeField = field;
                type = kind == JsonTokenType.String ? TypeOf(json[field.Start..field.End]) : MessageType.Unknown;
            }
            else if (known is not null && !Store(ref fields, known, field))
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
        foreach (var type in Enum.GetValues<MessageType>())
        {
            if (value.ValueTextEquals(MessageTypeNames.Of(type)))
            {
                return type;
            }
        }

        return MessageType.Unknown;
    }

    private static KnownField? Known(ref Utf8JsonReader r)
    {
        foreach (var known in KnownFields.Table)
        {
            if (r.ValueTextEquals(known.Name))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>Stores a known field; false when it was already present (a duplicated key is ambiguous, so invalid).</summary>
    private static bool Store(ref KnownFields f, KnownField known, JsonField value)
    {
        ref var target = ref known.In(ref f);
        if (target.IsPresent)
        {
            return false;
        }

        target = value;
        return true;
    }
}
