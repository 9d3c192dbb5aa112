using System.Net;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// The one seam between the transport and the signaling core: what rooms and the
/// dispatcher know of a connection. Tests implement it without sockets.
/// </summary>
internal interface IConnection
{
    /// <summary>Process-unique id, shown in logs as c{Id}.</summary>
    long Id { get; }

    IPAddress RemoteIp { get; }

    /// <summary>The connection's logger: its events carry the ConnectionId (one per connection, shared with the core).</summary>
    Serilog.ILogger Log { get; }

    EndpointKind Endpoint { get; }

    /// <summary>The upgrade URL's query string without '?' (mesh reads its identity from it).</summary>
    string Query { get; }

    /// <summary>The upgrade's Origin header, if any (the auth webhook is told it, docs/protocol.md §12.4).</summary>
    string? Origin => null;

    /// <summary>
    /// Queues one text message (UTF-8 JSON). Never blocks and never calls back into the
    /// caller; returns false when the connection is closing or its send queue overflowed
    /// (it is then closed with 1008).
    /// </summary>
    bool Send(ReadOnlyMemory<byte> utf8Json);

    /// <summary>
    /// Queues a pooled message as <see cref="Send(ReadOnlyMemory{byte})"/> does; the connection takes
    /// its own reference while it holds the bytes, and the caller releases its own after. A connection
    /// that copies or sends at once needs no reference: the default sends the bytes.
    /// </summary>
    bool Send(MessageLease message) => Send(message.Memory);

    /// <summary>Sends a close frame with this status after what is already queued.</summary>
    void Close(int status, string reason);
}
