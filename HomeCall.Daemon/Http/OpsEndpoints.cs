using System.Net;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Http;

/// <summary>Answers /health, /rooms, /metrics, /ice-servers and the self-test page (docs/protocol.md §1.3).</summary>
internal sealed class OpsEndpoints(
    RoomRegistry registry,
    Func<int> connections,
    DaemonMetrics metrics,
    AdminToken admin,
    RoomFingerprinter fingerprints,
    IceServersEndpoint ice,
    TimeProvider time,
    string version) : IHttpEndpoints
{
    private readonly long _started = time.GetTimestamp();

    public HttpResponse Handle(EndpointKind endpoint, HttpRequestHead request, IPAddress clientIp)
    {
        var uptime = time.GetElapsedTime(_started);
        switch (endpoint)
        {
            case EndpointKind.Health:
                var isAdmin = admin.IsAdmin(request);
                var snapshot = RegistrySnapshot.Take(registry, withDetails: isAdmin);
                return Json(JsonResponses.Health(snapshot, connections(), uptime, version, time.GetUtcNow(), isAdmin));
            case EndpointKind.Rooms:
                return admin.IsAdmin(request)
                    ? Json(JsonResponses.Rooms(RegistrySnapshot.Take(registry, withDetails: true)))
                    : HttpResponse.Text(401, "401 Unauthorized: send Authorization: Bearer <ADMIN_TOKEN>", new KeyValuePair<string, string>("WWW-Authenticate", "Bearer"));
            case EndpointKind.Metrics:
                var counts = RegistrySnapshot.Take(registry, withDetails: false);
                return new HttpResponse(200, PrometheusText.ContentType, PrometheusText.Render(metrics, counts, connections(), uptime), []);
            case EndpointKind.IceServers:
                return ice.Handle(request, clientIp);
            case EndpointKind.SelfTest:
                return SelfTestPage.Response(fingerprints);
            default:
                return HttpResponse.Text(404, "404 Not Found");
        }
    }

    private static HttpResponse Json(byte[] body) => new(200, "application/json", body, []);
}
