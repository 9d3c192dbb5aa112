using System.Text;
using System.Text.Json;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// One member of a JSON object both as <see cref="JsonDocument"/> decodes it and as the bytes it
/// was written as (the name's string token, quotes included, and the value), to check that a
/// relay means the same as its message and copies what it passes on byte for byte.
/// </summary>
internal sealed record RawJsonMember(string Name, JsonElement Value, string RawName, string RawValue)
{
    public static IReadOnlyList<RawJsonMember> Of(byte[] json)
    {
        var decoded = JsonDocument.Parse(json).RootElement.EnumerateObject().ToArray();
        var members = new List<RawJsonMember>();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = (int)reader.TokenStartIndex;
            var rawName = Encoding.UTF8.GetString(json, nameStart, reader.ValueSpan.Length + "\"\"".Length);
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            var rawValue = Encoding.UTF8.GetString(json, valueStart, (int)reader.BytesConsumed - valueStart);
            var property = decoded[members.Count];
            members.Add(new RawJsonMember(property.Name, property.Value, rawName, rawValue));
        }

        return members;
    }
}
