using System.Net;

namespace HomeCall.Daemon.Transport;

/// <summary>Answers the plain HTTP endpoints (/health, /rooms, /metrics, /ice-servers, the self-test page).</summary>
internal interface IHttpEndpoints
{
    /// <summary><paramref name="clientIp"/> is the client as resolved through TRUSTED_PROXIES (per-IP limits).</summary>
    HttpResponse Handle(EndpointKind endpoint, HttpRequestHead request, IPAddress clientIp);
}
