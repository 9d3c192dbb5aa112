using System.Net;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// What to do with a request head: upgrade to a WebSocket, answer an HTTP endpoint,
/// or refuse with a status (and headers such as Allow or Sec-WebSocket-Version).
/// </summary>
internal sealed record RouteDecision(
    EndpointKind Endpoint,
    int Status,
    string Reason,
    IPAddress ClientIp,
    IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders)
{
    /// <summary>The Origin a 403 refused, as the client sent it (to be sanitised before it is logged).</summary>
    public string? RefusedOrigin { get; init; }

    public bool IsUpgrade => Status == 101;

    public bool IsHttpEndpoint => Status == 200;

    public static RouteDecision Refuse(int status, string reason, IPAddress ip, params KeyValuePair<string, string>[] headers) =>
        new(EndpointKind.Room, status, reason, ip, headers);
}
