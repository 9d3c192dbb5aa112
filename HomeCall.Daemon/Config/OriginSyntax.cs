using System.Text.RegularExpressions;

namespace HomeCall.Daemon.Config;

/// <summary>
/// The form of an <c>Origin</c> header a browser sends for a page (RFC 6454 §6.2):
/// <c>scheme "://" host [ ":" port ]</c>, with nothing after the port. One trailing <c>/</c> is
/// tolerated in ALLOWED_ORIGINS because the check ignores it (docs/protocol.md §2.2).
/// </summary>
internal static partial class OriginSyntax
{
    public static bool IsValid(string origin) => Pattern().IsMatch(origin);

    // scheme (RFC 3986 §3.1), then a host name or IPv4 without '/', '?', '#', '@', ':' or
    // blanks, or a bracketed IPv6 literal; then an optional port of 1-5 digits.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*://(\[[0-9A-Fa-f:.]+\]|[^/?#@:\s\[\]]+)(:[0-9]{1,5})?/?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
