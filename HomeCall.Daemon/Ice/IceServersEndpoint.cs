using System.Globalization;
using System.Net;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Ice;

/// <summary>
/// GET /ice-servers (docs/protocol.md §1.3): the ice-servers object with fresh credentials, for
/// clients that need the servers before they join. A page from another site must not collect TURN
/// credentials, so ALLOWED_ORIGINS applies as to upgrades: a listed Origin gets the CORS header
/// that lets its script read the answer, an unlisted one 403; a request without Origin is not
/// from a cross-site page. Answers are never cached (Cache-Control: no-store on every response).
/// Each request takes the servers in force (a reload may have changed or removed them).
/// </summary>
internal sealed class IceServersEndpoint(IceServers servers, IReadOnlyList<string> allowedOrigins, TimeProvider time, DaemonMetrics metrics, ILogger log)
{
    public const string MetricLabel = "http";

    private HashSet<string> _origins = OriginSet(allowedOrigins);
    private readonly IceRequestLimiter _limiter = new(time);
    private readonly ILogger _log = log.ForContext<IceServersEndpoint>();

    public HttpResponse Handle(HttpRequestHead request, IPAddress clientIp)
    {
        var settings = servers.Current;
        if (!settings.IsConfigured)
        {
            return HttpResponse.Text(404, "404 Not Found: no ICE servers are configured (STUN_URLS, TURN_URLS)");
        }

        var origin = request.Single("Origin");
        var origins = Volatile.Read(ref _origins);
        if (origin is not null && origins.Count > 0 && !origins.Contains(origin.TrimEnd('/')))
        {
            _log.Information("ICE servers refused with {Status} (origin not allowed) for {ClientIp}", 403, clientIp);
            return HttpResponse.Text(403, "403 Forbidden: origin not allowed");
        }

        if (!_limiter.TryTake(clientIp, out var retryAfter))
        {
            _log.Information("ICE servers refused with {Status} (over {Limit} a minute) for {ClientIp}", 429, IceRequestLimiter.MaxPerMinute, clientIp);
            return HttpResponse.Text(429, $"429 Too Many Requests: at most {IceRequestLimiter.MaxPerMinute} a minute", new KeyValuePair<string, string>("Retry-After", retryAfter.ToString(CultureInfo.InvariantCulture)));
        }

        if (settings.HasTurn && !request.MethodIs("HEAD"u8))
        {
            metrics.TurnCredentialsIssued.Increment(MetricLabel); // A HEAD answer carries the headers only: no credential leaves.
        }

        KeyValuePair<string, string>[] cors = origin is null ? [] : [new("Access-Control-Allow-Origin", origin), new("Vary", "Origin")];
        return new HttpResponse(200, "application/json", IceServersMessage.Write(settings, time.GetUtcNow()), cors);
    }

    /// <summary>A reload's ALLOWED_ORIGINS: the next request is checked against them.</summary>
    public void AllowOrigins(IReadOnlyList<string> allowedOrigins) => Volatile.Write(ref _origins, OriginSet(allowedOrigins));

    private static HashSet<string> OriginSet(IReadOnlyList<string> origins) =>
        new(origins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
}
