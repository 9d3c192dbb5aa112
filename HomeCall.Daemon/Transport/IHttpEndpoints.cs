namespace HomeCall.Daemon.Transport;

/// <summary>Answers the plain HTTP endpoints (/health, /rooms, /metrics, the self-test page).</summary>
internal interface IHttpEndpoints
{
    HttpResponse Handle(EndpointKind endpoint, HttpRequestHead request);
}
