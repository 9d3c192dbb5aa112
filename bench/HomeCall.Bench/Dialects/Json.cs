using System.Buffers;
using System.Text.Json;

namespace HomeCall.Bench.Dialects;

/// <summary>Small JSON helpers for setup messages (join, create, leave) and their replies.</summary>
internal static class Json
{
    /// <summary>A flat object of string fields, in the given order.</summary>
    public static byte[] Object(params (string Name, string Value)[] fields)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Escape(string text) => JsonEncodedText.Encode(text).ToString();

    public static string StringField(byte[] message, string name)
    {
        using var doc = JsonDocument.Parse(message);
        return doc.RootElement.GetProperty(name).GetString() ?? throw new JsonException($"'{name}' is null");
    }
}
