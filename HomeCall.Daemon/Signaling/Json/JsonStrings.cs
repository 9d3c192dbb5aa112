using System.Buffers;

namespace HomeCall.Daemon.Signaling.Json;

/// <summary>
/// Validates a JSON string body (RFC 8259 §7): any byte from 0x20 up except `"` and `\`,
/// plus the escapes \" \\ \/ \b \f \n \r \t \uXXXX. The body is searched with one
/// vectorized <see cref="SearchValues{T}"/> lookup per escape, so an 800-byte SDP with a
/// `\r\n` per line costs a few vector steps per line rather than a branch per byte.
/// </summary>
/// <remarks>
/// Like <see cref="System.Text.Json.Utf8JsonReader"/>, this checks the grammar only: it does
/// not validate UTF-8 (a WebSocket text frame has been validated already, RFC 6455 §8.1)
/// and does not pair \u surrogate escapes. Decoding, where a field is read, is what rejects
/// a lone surrogate (see <see cref="JsonStringToken"/>).
/// </remarks>
internal static class JsonStrings
{
    private const byte Quote = (byte)'"';
    private const byte Backslash = (byte)'\\';
    private const int HexDigitsPerEscape = 4;

    /// <summary>RFC 8259 §7: U+0000 through U+001F must be escaped inside a string.</summary>
    private const int ControlCharacters = 0x20;

    /// <summary>The bytes that end a run of plain string text: a quote, a backslash, or a control character.</summary>
    private static readonly SearchValues<byte> Stops = SearchValues.Create(StopBytes());

    /// <summary>
    /// The end (just past the closing quote) of the string whose body starts at
    /// <paramref name="bodyStart"/> (just past the opening quote), or -1 when it is not a
    /// valid string; <paramref name="escaped"/> says whether the body holds a backslash.
    /// </summary>
    public static int Skip(ReadOnlySpan<byte> json, int bodyStart, out bool escaped)
    {
        escaped = false;
        var pos = bodyStart;
        while (true)
        {
            var run = json[pos..].IndexOfAny(Stops);
            if (run < 0)
            {
                return -1; // Unterminated.
            }

            pos += run;
            var stop = json[pos];
            if (stop == Quote)
            {
                return pos + 1;
            }

            if (stop != Backslash)
            {
                return -1; // A control character: it must be escaped.
            }

            escaped = true;

            // Escapes often come in runs (an SDP line ends in \r\n): take them without a search.
            do
            {
                pos = SkipEscape(json, pos + 1);
            }
            while (pos > 0 && pos < json.Length && json[pos] == Backslash);

            if (pos < 0)
            {
                return -1;
            }
        }
    }

    /// <summary>The position after the escape whose letter is at <paramref name="pos"/>, or -1.</summary>
    private static int SkipEscape(ReadOnlySpan<byte> json, int pos)
    {
        if (pos >= json.Length)
        {
            return -1;
        }

        switch (json[pos])
        {
            case Quote or Backslash or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return pos + 1;
            case (byte)'u':
                var end = pos + 1 + HexDigitsPerEscape;
                return end <= json.Length && IsHex(json[(pos + 1)..end]) ? end : -1;
            default:
                return -1;
        }
    }

    private static bool IsHex(ReadOnlySpan<byte> digits)
    {
        foreach (var digit in digits)
        {
            if (!char.IsAsciiHexDigit((char)digit))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] StopBytes()
    {
        var stops = new byte[ControlCharacters + 2];
        for (var b = 0; b < ControlCharacters; b++)
        {
            stops[b] = (byte)b;
        }

        stops[ControlCharacters] = Quote;
        stops[ControlCharacters + 1] = Backslash;
        return stops;
    }
}
