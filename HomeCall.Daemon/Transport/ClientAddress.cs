using System.Net;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Who the client is (docs/protocol.md §2.2): the socket's peer, or the right-most X-Forwarded-For
/// entry when the peer is a trusted proxy (Apache appends what it saw to what the client sent,
/// so only the right-most entry is Apache's own observation).
/// </summary>
internal static class ClientAddress
{
    public static bool IsTrusted(IPAddress peer, IReadOnlyList<IPAddress> trustedProxies) =>
        trustedProxies.Any(p => p.Equals(Normalize(peer)));

    public static IPAddress Resolve(IPAddress peer, HttpRequestHead head, IReadOnlyList<IPAddress> trustedProxies)
    {
        var normalized = Normalize(peer);
        if (!IsTrusted(normalized, trustedProxies))
        {
            return normalized;
        }

        var last = head.LastToken(HeaderName.XForwardedFor);
        if (last.IsEmpty)
        {
            return normalized;
        }

        return IPAddress.TryParse(last.Trim("[]"u8), out var forwarded) ? Normalize(forwarded) : normalized;
    }

    /// <summary>IPv4-mapped IPv6 addresses (dual-mode sockets) compare as IPv4.</summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
