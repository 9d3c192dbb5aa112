using System.Net;

namespace HomeCall.Daemon.Transport;

/// <summary>What an accepted upgrade needs from its request head; the head itself is dropped.</summary>
internal sealed record AcceptedUpgrade(EndpointKind Endpoint, IPAddress ClientIp, string Path, string Query, string Key, byte[] Leftover, string? Origin);
