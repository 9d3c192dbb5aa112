using System.Text;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Parses an HTTP/1.1 request head (RFC 9112 §2-5) as a pure function. Returns
/// <see cref="ParseStatus.Incomplete"/> on a partial head, never throws. Strict on
/// purpose: bare LF, obsolete line folding, control or non-ASCII bytes and
/// non-origin-form targets are refused (docs/protocol.md §2.2).
/// </summary>
internal static class RequestParser
{
    /// <summary>docs/protocol.md §2.2: the request head may be at most 8 KiB.</summary>
    public const int MaxHeadBytes = 8 * 1024;

    private const int MaxHeaders = 100;

    public static ParseResult Parse(ReadOnlySpan<byte> data)
    {
        var window = data.Length > MaxHeadBytes ? data[..MaxHeadBytes] : data;
        var end = window.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            if (HasBareLf(window))
            {
                return ParseResult.Invalid("bare LF line end");
            }

            return data.Length >= MaxHeadBytes ? ParseResult.TooLarge : ParseResult.Incomplete;
        }

        var head = window[..(end + 2)];
        if (HasBareLf(head))
        {
            return ParseResult.Invalid("bare LF line end");
        }

        if (HasForbiddenByte(head))
        {
            return ParseResult.Invalid("control or non-ASCII byte in head");
        }

        var lines = Encoding.ASCII.GetString(head).Split("\r\n");
        var request = ParseRequestLine(lines[0], out var reason);
        if (request is null)
        {
            return ParseResult.Invalid(reason);
        }

        // The split leaves one empty entry after the last header's line end.
        var headers = ParseHeaders(lines.AsSpan(1, lines.Length - 2));
        return headers.Status == ParseStatus.Complete
            ? new ParseResult(ParseStatus.Complete, request with { Headers = headers.Head!.Headers }, end + 4, "")
            : headers;
    }

    /// <summary>Header lines into a head with only headers; Invalid or TooLarge as <see cref="Parse"/> reports them.</summary>
    private static ParseResult ParseHeaders(ReadOnlySpan<string> lines)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines)
        {
            if (!TryParseHeader(line, out var header, out var reason))
            {
                return ParseResult.Invalid(reason);
            }

            if (headers.Count == MaxHeaders)
            {
                return ParseResult.TooLarge;
            }

            headers.Add(header);
        }

        return new ParseResult(ParseStatus.Complete, new HttpRequestHead("", "", headers), 0, "");
    }

    private static bool HasBareLf(ReadOnlySpan<byte> span)
    {
        for (var i = span.IndexOf((byte)'\n'); i >= 0; i = Next(span, i))
        {
            if (i == 0 || span[i - 1] != (byte)'\r')
            {
                return true;
            }
        }

        return false;

        static int Next(ReadOnlySpan<byte> s, int from)
        {
            var rel = s[(from + 1)..].IndexOf((byte)'\n');
            return rel < 0 ? -1 : from + 1 + rel;
        }
    }

    /// <summary>
    /// Control characters (tab aside), DEL and non-ASCII bytes, and a CR that does not start a
    /// line end: RFC 9112 §2.2 lets a recipient reject a bare CR, and docs/protocol.md §2.2 refuses control characters.
    /// </summary>
    private static bool HasForbiddenByte(ReadOnlySpan<byte> head)
    {
        for (var i = 0; i < head.Length; i++)
        {
            var b = head[i];
            var isLineEnd = b == (byte)'\n' || (b == (byte)'\r' && i + 1 < head.Length && head[i + 1] == (byte)'\n');
            if (b >= 0x7F || (b < 0x20 && b != (byte)'\t' && !isLineEnd))
            {
                return true;
            }
        }

        return false;
    }

    private static HttpRequestHead? ParseRequestLine(string line, out string reason)
    {
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[0].All(IsTokenChar))
        {
            reason = "malformed request line";
            return null;
        }

        if (parts[2] != "HTTP/1.1")
        {
            reason = "only HTTP/1.1 is served";
            return null;
        }

        if (!parts[1].StartsWith('/') || parts[1].StartsWith("//", StringComparison.Ordinal))
        {
            reason = "request target must be origin-form (/path)";
            return null;
        }

        reason = "";
        return new HttpRequestHead(parts[0], parts[1], []);
    }

    private static bool TryParseHeader(string line, out KeyValuePair<string, string> header, out string reason)
    {
        header = default;
        if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
        {
            reason = "obsolete header line folding";
            return false;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !line.AsSpan(0, colon).ToString().All(IsTokenChar))
        {
            reason = "malformed header line";
            return false;
        }

        header = new(line[..colon], line[(colon + 1)..].Trim(' ', '\t'));
        reason = "";
        return true;
    }

    /// <summary>RFC 9110 §5.6.2 tchar.</summary>
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
