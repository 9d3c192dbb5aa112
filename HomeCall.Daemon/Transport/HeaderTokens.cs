using System.Text;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Comma-separated header values (RFC 9110 §5.6.1: Connection, Upgrade, X-Forwarded-For) read in
/// place: each element without the spaces and tabs around it, empty elements skipped.
/// </summary>
internal static class HeaderTokens
{
    /// <summary>Optional whitespace (RFC 9110 §5.6.3); the parser refuses every other control byte.</summary>
    private static ReadOnlySpan<byte> Whitespace => " \t"u8;

    /// <summary>Whether one element equals <paramref name="token"/>, ignoring ASCII case.</summary>
    public static bool Contains(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        while (true)
        {
            var comma = value.IndexOf((byte)',');
            var element = (comma < 0 ? value : value[..comma]).Trim(Whitespace);
            if (element.Length == token.Length && Ascii.EqualsIgnoreCase(element, token))
            {
                return true;
            }

            if (comma < 0)
            {
                return false;
            }

            value = value[(comma + 1)..];
        }
    }

    /// <summary>The right-most non-empty element, or empty when there is none.</summary>
    public static ReadOnlySpan<byte> Last(ReadOnlySpan<byte> value)
    {
        while (true)
        {
            var comma = value.LastIndexOf((byte)',');
            var element = value[(comma + 1)..].Trim(Whitespace);
            if (!element.IsEmpty || comma < 0)
            {
                return element;
            }

            value = value[..comma];
        }
    }
}
