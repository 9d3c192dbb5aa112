using System.Text.Json;

namespace HomeCall.Daemon.Signaling.Json;

/// <summary>
/// Validates one JSON value (RFC 8259) in UTF-8 bytes and finds where it ends, without
/// allocating or decoding anything. Positions are byte offsets into the whole message; a
/// result of -1 means the bytes are not valid JSON there. Accepts exactly what
/// <see cref="Utf8JsonReader"/> accepts with comments and trailing commas disallowed and
/// the same <c>MaxDepth</c> (HomeCall.Daemon.Tests' ReaderOracle checks this).
/// </summary>
internal static class JsonScanner
{
    /// <summary>The deepest nesting supported: one bit per open container in a <see cref="ulong"/>.</summary>
    public const int MaxSupportedDepth = 64;

    /// <summary>RFC 8259 §2: whitespace is space, tab, line feed and carriage return, nothing else.</summary>
    private const ulong WhitespaceMask = (1UL << ' ') | (1UL << '\t') | (1UL << '\n') | (1UL << '\r');

    public static bool IsWhitespace(byte b) => b <= ' ' && ((1UL << b) & WhitespaceMask) != 0;

    /// <summary>The first position at or after <paramref name="pos"/> that is not whitespace (or the end).</summary>
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int pos)
    {
        while (pos < json.Length && IsWhitespace(json[pos]))
        {
            pos++;
        }

        return pos;
    }

    /// <summary>
    /// The end of the value starting at <paramref name="start"/>, or -1. <paramref name="enclosing"/>
    /// containers are already open around it; a container in it may nest until
    /// <paramref name="maxDepth"/> containers are open in all (the reader's MaxDepth).
    /// </summary>
    public static int SkipValue(ReadOnlySpan<byte> json, int start, int enclosing, int maxDepth, out JsonTokenType kind, out bool escaped)
    {
        if (start < json.Length && json[start] is (byte)'{' or (byte)'[')
        {
            kind = json[start] == (byte)'{' ? JsonTokenType.StartObject : JsonTokenType.StartArray;
            escaped = false;
            return JsonContainers.Skip(json, start, enclosing, maxDepth);
        }

        return SkipScalar(json, start, out kind, out escaped);
    }

    /// <summary>The end of the string, number, true, false or null starting at <paramref name="start"/>, or -1.</summary>
    public static int SkipScalar(ReadOnlySpan<byte> json, int start, out JsonTokenType kind, out bool escaped)
    {
        escaped = false;
        if (start >= json.Length)
        {
            kind = JsonTokenType.None;
            return -1;
        }

        switch (json[start])
        {
            case (byte)'"':
                kind = JsonTokenType.String;
                return JsonStrings.Skip(json, start + 1, out escaped);
            case (byte)'t':
                kind = JsonTokenType.True;
                return Literal(json, start, "true"u8);
            case (byte)'f':
                kind = JsonTokenType.False;
                return Literal(json, start, "false"u8);
            case (byte)'n':
                kind = JsonTokenType.Null;
                return Literal(json, start, "null"u8);
            default:
                kind = JsonTokenType.Number;
                return JsonNumbers.Skip(json, start);
        }
    }

    private static int Literal(ReadOnlySpan<byte> json, int start, ReadOnlySpan<byte> literal) =>
        json[start..].StartsWith(literal) ? start + literal.Length : -1;
}
