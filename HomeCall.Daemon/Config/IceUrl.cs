using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HomeCall.Daemon.Config;

/// <summary>
/// A STUN or TURN server URL as RFC 7064 §3.1 and RFC 7065 §3.1 define them:
/// <c>scheme ":" host [ ":" port ]</c>, TURN adding <c>[ "?transport=" ( "udp" / "tcp" ) ]</c>.
/// The host is an IPv4 address, a bracketed IPv6 address (RFC 3986 IP-literal) or a DNS name;
/// there is no userinfo, path or other query (credentials travel beside the URL, RFC 7065 §3).
/// </summary>
internal sealed record IceUrl(string Scheme, string Host, int? Port, string? Transport)
{
    private const int MaxPort = 65535;
    private const string TransportQuery = "?transport=";

    public bool IsStun => Scheme is "stun" or "stuns";

    public bool IsTurn => Scheme is "turn" or "turns";

    /// <summary>The URL, or null with the reason it is not one.</summary>
    public static IceUrl? Parse(string text, out string problem)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? "" : text[..colon].ToLowerInvariant();
        if (scheme is not ("stun" or "stuns" or "turn" or "turns"))
        {
            problem = "the scheme must be stun:, stuns:, turn: or turns:";
            return null;
        }

        var rest = text[(colon + 1)..];
        string? transport = null;
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            if (scheme is "stun" or "stuns" || !rest[query..].StartsWith(TransportQuery, StringComparison.OrdinalIgnoreCase))
            {
                problem = scheme.StartsWith("stun", StringComparison.Ordinal)
                    ? "a STUN URL has no query (RFC 7064)"
                    : "the only query a TURN URL takes is ?transport=udp or ?transport=tcp (RFC 7065)";
                return null;
            }

            transport = rest[(query + TransportQuery.Length)..].ToLowerInvariant();
            rest = rest[..query];
            if (transport is not ("udp" or "tcp"))
            {
                problem = "transport must be udp or tcp";
                return null;
            }
        }

        return ParseAuthority(scheme, rest, transport, out problem);
    }

    private static IceUrl? ParseAuthority(string scheme, string authority, string? transport, out string problem)
    {
        var (host, port) = SplitPort(authority);
        if (port is { } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxPort))
        {
            problem = $"the port must be 1-{MaxPort}";
            return null;
        }

        if (!IsHost(host))
        {
            problem = host.Length == 0 ? "the host is missing" : "the host must be an IPv4 address, [IPv6] or a DNS name";
            return null;
        }

        problem = "";
        return new IceUrl(scheme, host, port is null ? null : int.Parse(port, CultureInfo.InvariantCulture), transport);
    }

    private static (string Host, string? Port) SplitPort(string authority)
    {
        var close = authority.LastIndexOf(']');
        var colon = authority.LastIndexOf(':');
        return colon > close ? (authority[..colon], authority[(colon + 1)..]) : (authority, null);
    }

    private static bool IsHost(string host)
    {
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var labels = host.Split('.');
        if (labels.All(l => l.Length > 0 && l.All(char.IsAsciiDigit)))
        {
            return IPAddress.TryParse(host, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && labels.Length == 4;
        }

        return host.Length is > 0 and <= 253 && labels.All(IsLabel);
    }

    /// <summary>A DNS label (RFC 1123 §2.1); an IPv4 address is four of them.</summary>
    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
