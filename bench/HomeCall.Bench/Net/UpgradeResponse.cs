using System.Text;

namespace HomeCall.Bench.Net;

/// <summary>
/// Checks a server's answer to the upgrade request (RFC 6455 §4.1, client side): the status
/// line is 101, and Sec-WebSocket-Accept carries the value computed from our key. Reads the
/// head as bytes: no strings for a handshake that succeeds.
/// </summary>
internal static class UpgradeResponse
{
    private static ReadOnlySpan<byte> StatusLine => "HTTP/1.1 101"u8;

    private static ReadOnlySpan<byte> AcceptHeader => "Sec-WebSocket-Accept"u8;

    /// <param name="head">the response head without its final empty line</param>
    /// <param name="expectedAccept">the base64 accept value for our key</param>
    public static void Check(ReadOnlySpan<byte> head, ReadOnlySpan<byte> expectedAccept)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (!statusLine.StartsWith(StatusLine))
        {
            throw new HandshakeException($"upgrade refused: {Encoding.ASCII.GetString(statusLine)}");
        }

        if (lineEnd < 0 || !HasAccept(head[(lineEnd + 2)..], expectedAccept))
        {
            throw new HandshakeException("missing or wrong Sec-WebSocket-Accept");
        }
    }

    private static bool HasAccept(ReadOnlySpan<byte> headers, ReadOnlySpan<byte> expectedAccept)
    {
        while (!headers.IsEmpty)
        {
            var end = headers.IndexOf("\r\n"u8);
            var line = end < 0 ? headers : headers[..end];
            headers = end < 0 ? [] : headers[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            // Header names are case-insensitive (RFC 9110 §5.1); whitespace around the value is optional (§5.5).
            if (colon >= 0 && Ascii.EqualsIgnoreCase(line[..colon].Trim((byte)' '), AcceptHeader))
            {
                return line[(colon + 1)..].Trim(" \t"u8).SequenceEqual(expectedAccept);
            }
        }

        return false;
    }
}
