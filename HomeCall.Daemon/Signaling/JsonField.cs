using System.Text.Json;

namespace HomeCall.Daemon.Signaling;

/// <summary>Where a field's value sits in the message bytes, and its JSON token kind; default = absent.</summary>
internal readonly record struct JsonField(int Start, int End, JsonTokenType Kind)
{
    public bool IsPresent => Kind != JsonTokenType.None;

    public bool IsString => Kind == JsonTokenType.String;

    public bool IsNull => Kind == JsonTokenType.Null;

    public bool IsObject => Kind == JsonTokenType.StartObject;

    /// <summary>Absent, or a string: optional identity fields (from, fromUserId, senderId) must be one of these.</summary>
    public bool IsAbsentOrString => !IsPresent || IsString;
}
