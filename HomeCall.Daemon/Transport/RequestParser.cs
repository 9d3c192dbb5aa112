using System.Buffers;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Parses an HTTP/1.1 request head (RFC 9112 §2-5) as a pure function over its bytes. Returns
/// <see cref="ParseStatus.Incomplete"/> on a partial head, never throws. Strict on
/// purpose: bare LF, obsolete line folding, control or non-ASCII bytes and
/// non-origin-form targets are refused (docs/protocol.md §2.2). Header lines become ranges over
/// one copy of the head (<see cref="HttpRequestHead"/>), not strings.
/// </summary>
internal static class RequestParser
{
    /// <summary>docs/protocol.md §2.2: the request head may be at most 8 KiB.</summary>
    public const int MaxHeadBytes = 8 * 1024;

    private const int MaxHeaders = 100;

    /// <summary>RFC 9110 §5.6.2 tchar.</summary>
    private static readonly SearchValues<byte> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private static ReadOnlySpan<byte> LineEnd => "\r\n"u8;

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

        var requestLineLength = head.IndexOf(LineEnd);
        var requestLine = RequestLine.Parse(head[..requestLineLength], out var reason);
        if (reason is not null)
        {
            return ParseResult.Invalid(reason);
        }

        Span<HeaderField> fields = stackalloc HeaderField[MaxHeaders];
        var headers = ParseHeaders(head, requestLineLength + LineEnd.Length, fields, out var count);
        return headers.Status == ParseStatus.Complete
            ? new ParseResult(ParseStatus.Complete, new HttpRequestHead(head.ToArray(), requestLine.MethodLength, requestLine.TargetStart, requestLine.TargetLength, fields[..count].ToArray()), end + 4, "")
            : headers;
    }

    /// <summary>The header lines from <paramref name="offset"/> into <paramref name="fields"/>; Invalid or TooLarge as <see cref="Parse"/> reports them.</summary>
    private static ParseResult ParseHeaders(ReadOnlySpan<byte> head, int offset, Span<HeaderField> fields, out int count)
    {
        count = 0;
        while (offset < head.Length)
        {
            var length = head[offset..].IndexOf(LineEnd);
            if (!TryParseHeader(head.Slice(offset, length), offset, out var field, out var reason))
            {
                return ParseResult.Invalid(reason);
            }

            if (count == MaxHeaders)
            {
                return ParseResult.TooLarge;
            }

            fields[count++] = field;
            offset += length + LineEnd.Length;
        }

        return new ParseResult(ParseStatus.Complete, null, 0, "");
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
            var next = head[i..].IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
            if (next < 0)
            {
                return false;
            }

            i += next;
            var b = head[i];
            var allowed = b == (byte)'\t' || b == (byte)'\n' || (b == (byte)'\r' && i + 1 < head.Length && head[i + 1] == (byte)'\n');
            if (!allowed)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseHeader(ReadOnlySpan<byte> line, int offset, out HeaderField field, out string reason)
    {
        field = default;
        if (line.Length > 0 && (line[0] == (byte)' ' || line[0] == (byte)'\t'))
        {
            reason = "obsolete header line folding";
            return false;
        }

        var colon = line.IndexOf((byte)':');
        if (colon <= 0 || !IsToken(line[..colon]))
        {
            reason = "malformed header line";
            return false;
        }

        var raw = line[(colon + 1)..];
        var value = raw.TrimStart(" \t"u8);
        var valueStart = offset + colon + 1 + (raw.Length - value.Length);
        value = value.TrimEnd(" \t"u8);
        field = new HeaderField(HeaderNames.Classify(line[..colon]), (ushort)offset, (ushort)colon, (ushort)valueStart, (ushort)value.Length);
        reason = "";
        return true;
    }

    public static bool IsToken(ReadOnlySpan<byte> span) => !span.IsEmpty && span.IndexOfAnyExcept(TokenChars) < 0;
}
