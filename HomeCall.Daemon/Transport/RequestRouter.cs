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

        var isGetOrHead = head.MethodIs("GET"u8) || head.MethodIs("HEAD"u8);
        if (endpoint is EndpointKind.Health or EndpointKind.Rooms or EndpointKind.Metrics or EndpointKind.IceServers)
        {
            return isGetOrHead
                ? new RouteDecision(endpoint.Value, 200, "", ip, [])
                : RouteDecision.Refuse(405, "method not allowed", ip, new KeyValuePair<string, string>("Allow", "GET, HEAD"));
        }

        if (head.Count(HeaderName.Upgrade) == 0 && isGetOrHead)
        {
            return PlainGet(head.Path, ip, rules);
        }

        if (!head.MethodIs("GET"u8))
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

        if (!head.TryGetValue(HeaderName.SecWebSocketVersion, out var version) || !version.SequenceEqual("13"u8))
        {
            return RouteDecision.Refuse(426, "unsupported WebSocket version", ip, new KeyValuePair<string, string>("Sec-WebSocket-Version", "13"));
        }

        var origin = head.Origin;
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

    /// <summary>docs/protocol.md §2.2 rows 15-20; header values are already trimmed of spaces and tabs.</summary>
    private static string? FindMalformed(HttpRequestHead head)
    {
        if (head.Count(HeaderName.Host) != 1 || !head.TryGetValue(HeaderName.Host, out var host) || host.IsEmpty)
        {
            return "exactly one Host header required";
        }

        if (head.Count(HeaderName.Upgrade) != 1 || !head.HasToken(HeaderName.Upgrade, "websocket"u8))
        {
            return "Upgrade: websocket required";
        }

        if (!head.HasToken(HeaderName.Connection, "upgrade"u8))
        {
            return "Connection: Upgrade required";
        }

        if (head.Count(HeaderName.SecWebSocketKey) != 1 || !head.TryGetValue(HeaderName.SecWebSocketKey, out var key) || !Handshake.IsValidKey(key))
        {
            return "Sec-WebSocket-Key must be base64 of 16 bytes, once";
        }

        if (head.Count(HeaderName.SecWebSocketVersion) != 1)
        {
            return "Sec-WebSocket-Version required once";
        }

        if (head.Count(HeaderName.TransferEncoding) > 0 || HasNonEmptyBody(head))
        {
            return "an upgrade request has no body";
        }

        return null;
    }

    /// <summary>Any Content-Length line other than "0" (the first is not enough: every line is checked).</summary>
    private static bool HasNonEmptyBody(HttpRequestHead head) =>
        head.Count(HeaderName.ContentLength) > head.CountValue(HeaderName.ContentLength, "0"u8);

    private static bool CameThroughTls(HttpRequestHead head, IPAddress peer, UpgradeRules rules) =>
        ClientAddress.IsTrusted(peer, rules.TrustedProxies)
        && System.Text.Ascii.EqualsIgnoreCase(head.LastToken(HeaderName.XForwardedProto), "https"u8);

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
