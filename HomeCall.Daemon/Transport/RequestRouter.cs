using System.Net;
using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Decides what a parsed request head gets (docs/protocol.md §1.1 routing, §2.2 checks) as a pure
/// function of the head, the settings in force and the peer. Connection-count limits (503) are
/// checked afterwards by the listener because they depend on live counts. A reload's origins,
/// proxies and page switch take effect from the next request.
/// </summary>
internal sealed class RequestRouter
{
    private UpgradeRules _rules;

    public RequestRouter(DaemonOptions options)
        : this(new LiveOptions(options))
    {
    }

    public RequestRouter(LiveOptions settings)
    {
        _rules = new UpgradeRules(settings.Current);
        settings.Changed += o => Volatile.Write(ref _rules, new UpgradeRules(o));
    }

    public RouteDecision Decide(HttpRequestHead head, IPAddress peer)
    {
        // One snapshot per request: a reload in the middle cannot mix old and new rules.
        var rules = Volatile.Read(ref _rules);
        var ip = ClientAddress.Resolve(peer, head, rules.TrustedProxies);
        var endpoint = Route(head.Path);
        if (endpoint is null)
        {
            return RouteDecision.Refuse(404, "unknown path", ip);
        }

        var isGetOrHead = head.Method is "GET" or "HEAD";
        if (endpoint is EndpointKind.Health or EndpointKind.Rooms or EndpointKind.Metrics or EndpointKind.IceServers)
        {
            return isGetOrHead
                ? new RouteDecision(endpoint.Value, 200, "", ip, [])
                : RouteDecision.Refuse(405, "method not allowed", ip, new KeyValuePair<string, string>("Allow", "GET, HEAD"));
        }

        if (head.Count("Upgrade") == 0 && isGetOrHead)
        {
            return PlainGet(head.Path, ip, rules);
        }

        if (head.Method != "GET")
        {
            return RouteDecision.Refuse(405, "method not allowed", ip, new KeyValuePair<string, string>("Allow", "GET"));
        }

        return CheckUpgrade(head, endpoint.Value, peer, ip, rules);
    }

    /// <summary>docs/protocol.md §1.1: only "/" (Apache's /ws/) serves the page; /ws, /ws/ and /signal answer 426.</summary>
    private static RouteDecision PlainGet(string path, IPAddress ip, UpgradeRules rules) =>
        path == "/" && rules.SelfTestPage
            ? new RouteDecision(EndpointKind.SelfTest, 200, "", ip, [])
            : RouteDecision.Refuse(426, "WebSocket upgrade required", ip, new KeyValuePair<string, string>("Upgrade", "websocket"));

    private static RouteDecision CheckUpgrade(HttpRequestHead head, EndpointKind endpoint, IPAddress peer, IPAddress ip, UpgradeRules rules)
    {
        var problem = FindMalformed(head);
        if (problem is not null)
        {
            return RouteDecision.Refuse(400, problem, ip);
        }

        if (head.Single("Sec-WebSocket-Version")!.Trim() != "13")
        {
            return RouteDecision.Refuse(426, "unsupported WebSocket version", ip, new KeyValuePair<string, string>("Sec-WebSocket-Version", "13"));
        }

        var origin = head.Single("Origin");
        if (origin is not null && !rules.AllowsOrigin(origin))
        {
            return RouteDecision.Refuse(403, "origin not allowed", ip) with { RefusedOrigin = origin };
        }

        if (rules.RequireForwardedTls && !CameThroughTls(head, peer, rules))
        {
            return RouteDecision.Refuse(403, "TLS through a trusted proxy required", ip);
        }

        return new RouteDecision(endpoint, 101, "", ip, []);
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

    private static bool CameThroughTls(HttpRequestHead head, IPAddress peer, UpgradeRules rules) =>
        ClientAddress.IsTrusted(peer, rules.TrustedProxies)
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
