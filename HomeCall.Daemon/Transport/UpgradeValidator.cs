using System.Net;
using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Decides what a parsed request head gets (docs/protocol.md §1.1 routing, §2.2 checks) as a pure
/// function of the head, the options and the peer. Connection-count limits (503) are
/// checked afterwards by the listener because they depend on live counts.
/// </summary>
internal sealed class UpgradeValidator(DaemonOptions options)
{
    private readonly IReadOnlyList<IPAddress> _trusted = options.TrustedProxies.Select(IPAddress.Parse).ToArray();
    private readonly HashSet<string> _origins = new(options.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    public HandshakeDecision Decide(HttpRequestHead head, IPAddress peer)
    {
        var ip = ClientAddress.Resolve(peer, head, _trusted);
        var endpoint = Route(head.Path);
        if (endpoint is null)
        {
            return HandshakeDecision.Refuse(404, "unknown path", ip);
        }

        var isGetOrHead = head.Method is "GET" or "HEAD";
        if (endpoint is EndpointKind.Health or EndpointKind.Rooms or EndpointKind.Metrics or EndpointKind.IceServers)
        {
            return isGetOrHead
                ? new HandshakeDecision(endpoint.Value, 200, "", ip, [])
                : HandshakeDecision.Refuse(405, "method not allowed", ip, new KeyValuePair<string, string>("Allow", "GET, HEAD"));
        }

        if (head.Count("Upgrade") == 0 && isGetOrHead)
        {
            return PlainGet(head.Path, ip);
        }

        if (head.Method != "GET")
        {
            return HandshakeDecision.Refuse(405, "method not allowed", ip, new KeyValuePair<string, string>("Allow", "GET"));
        }

        return CheckUpgrade(head, endpoint.Value, peer, ip);
    }

    /// <summary>docs/protocol.md §1.1: only "/" (Apache's /ws/) serves the page; /ws, /ws/ and /signal answer 426.</summary>
    private HandshakeDecision PlainGet(string path, IPAddress ip) =>
        path == "/" && options.SelfTestPage
            ? new HandshakeDecision(EndpointKind.SelfTest, 200, "", ip, [])
            : HandshakeDecision.Refuse(426, "WebSocket upgrade required", ip, new KeyValuePair<string, string>("Upgrade", "websocket"));

    private HandshakeDecision CheckUpgrade(HttpRequestHead head, EndpointKind endpoint, IPAddress peer, IPAddress ip)
    {
        var problem = FindMalformed(head);
        if (problem is not null)
        {
            return HandshakeDecision.Refuse(400, problem, ip);
        }

        if (head.Single("Sec-WebSocket-Version")!.Trim() != "13")
        {
            return HandshakeDecision.Refuse(426, "unsupported WebSocket version", ip, new KeyValuePair<string, string>("Sec-WebSocket-Version", "13"));
        }

        var origin = head.Single("Origin");
        if (origin is not null && _origins.Count > 0 && !_origins.Contains(origin.TrimEnd('/')))
        {
            return HandshakeDecision.Refuse(403, "origin not allowed", ip);
        }

        if (options.RequireForwardedTls && !CameThroughTls(head, peer))
        {
            return HandshakeDecision.Refuse(403, "TLS through a trusted proxy required", ip);
        }

        return new HandshakeDecision(endpoint, 101, "", ip, []);
    }

    private static string? FindMalformed(HttpRequestHead head)
    {
        if (head.Count("Host") != 1 || string.IsNullOrWhiteSpace(head.Single("Host")))
        {
            return "exactly one Host header required";
        }

        if (head.Count("Upgrade") != 1 || !head.Tokens("Upgrade").Any(t => t.Equals("websocket", StringComparison.OrdinalIgnoreCase)))
        {
            return "Upgrade: websocket required";
        }

        if (!head.Tokens("Connection").Any(t => t.Equals("upgrade", StringComparison.OrdinalIgnoreCase)))
        {
            return "Connection: Upgrade required";
        }

        if (head.Count("Sec-WebSocket-Key") != 1 || !Handshake.IsValidKey(head.Single("Sec-WebSocket-Key")))
        {
            return "Sec-WebSocket-Key must be base64 of 16 bytes, once";
        }

        if (head.Count("Sec-WebSocket-Version") != 1)
        {
            return "Sec-WebSocket-Version required once";
        }

        if (head.Count("Transfer-Encoding") > 0 || head.Headers.Any(IsNonEmptyBody))
        {
            return "an upgrade request has no body";
        }

        return null;
    }

    private static bool IsNonEmptyBody(KeyValuePair<string, string> header) =>
        string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase) && header.Value.Trim() != "0";

    private bool CameThroughTls(HttpRequestHead head, IPAddress peer) =>
        ClientAddress.IsTrusted(peer, _trusted)
        && string.Equals(head.Tokens("X-Forwarded-Proto").LastOrDefault(), "https", StringComparison.OrdinalIgnoreCase);

    private static EndpointKind? Route(string path) => path switch
    {
        "/" or "/ws" or "/ws/" => EndpointKind.Room,
        "/signal" => EndpointKind.Signal,
        "/health" => EndpointKind.Health,
        "/rooms" => EndpointKind.Rooms,
        "/metrics" => EndpointKind.Metrics,
        "/ice-servers" => EndpointKind.IceServers,
        _ => null,
    };
}
