using System.Text;

namespace HomeCall.Daemon.Transport;

/// <summary>Case-insensitive ASCII matching of header names (RFC 9110 §5.1) against <see cref="HeaderName"/>.</summary>
internal static class HeaderNames
{
    /// <summary>Indexed by <see cref="HeaderName"/>; <see cref="HeaderName.Other"/> has no spelling.</summary>
    private static readonly byte[][] Spellings =
    [
        [],
        "Host"u8.ToArray(),
        "Upgrade"u8.ToArray(),
        "Connection"u8.ToArray(),
        "Sec-WebSocket-Key"u8.ToArray(),
        "Sec-WebSocket-Version"u8.ToArray(),
        "Origin"u8.ToArray(),
        "Transfer-Encoding"u8.ToArray(),
        "Content-Length"u8.ToArray(),
        "X-Forwarded-For"u8.ToArray(),
        "X-Forwarded-Proto"u8.ToArray(),
        "Authorization"u8.ToArray(),
    ];

    public static HeaderName Classify(ReadOnlySpan<byte> name)
    {
        for (var i = 1; i < Spellings.Length; i++)
        {
            if (name.Length == Spellings[i].Length && Ascii.EqualsIgnoreCase(name, Spellings[i]))
            {
                return (HeaderName)i;
            }
        }

        return HeaderName.Other;
    }
}
