using System.Net;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// What an accepted upgrade needs from its request head; the head itself is dropped.
/// <paramref name="Answer"/> holds the 101 answer in its first <see cref="Handshake.SwitchingProtocolsLength"/>
/// bytes, rented from the shared pool and returned once sent.
/// </summary>
internal sealed record AcceptedUpgrade(EndpointKind Endpoint, IPAddress ClientIp, string Path, string Query, byte[] Answer, byte[] Leftover, string? Origin);
