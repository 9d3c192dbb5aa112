using System.Text.Json;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// One client message read once: its type and where each known field's value is in the
/// original bytes. Strings are decoded only when a handler asks, and raw values
/// (sdp, candidate, payload, unknown fields) are copied to relays without re-encoding.
/// </summary>
internal readonly ref struct InboundMessage
{
    public InboundMessage(ReadOnlySpan<byte> json, MessageType type, in KnownFields fields)
    {
        Json = json;
        Type = type;
        Fields = fields;
    }

    public ReadOnlySpan<byte> Json { get; }

    public MessageType Type { get; }

    public KnownFields Fields { get; }

    public ReadOnlySpan<byte> Raw(JsonField field) => Json[field.Start..field.End];

    /// <summary>The decoded value of a string field (allocates the string).</summary>
    public string String(JsonField field)
    {
        var reader = new Utf8JsonReader(Raw(field));
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>Compares a string field with a known value without allocating.</summary>
    public bool StringEquals(JsonField field, string expected)
    {
        var reader = new Utf8JsonReader(Raw(field));
        reader.Read();
        return reader.ValueTextEquals(expected);
    }
}
