using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// What the signaling core knows of one connection: its dialect once fixed, the room it
/// last joined and as whom. Membership is not stored twice: the connection is a member
/// only while its room lists it (a replaced connection stops being one at once).
/// Room fields are read and written under the registry lock.
/// </summary>
internal sealed class ClientState(IConnection connection, RateLimiter rateLimiter, ILogger log)
{
    private string? _myId;
    private RateLimiter _rateLimiter = rateLimiter;

    public IConnection Connection { get; } = connection;

    /// <summary>The connection's token bucket, kept in place (a struct: each message takes from this one, not a copy).</summary>
    public ref RateLimiter RateLimiter => ref _rateLimiter;

    public ILogger Log { get; } = log;

    /// <summary>The connection's dialect, once fixed (docs/protocol.md §4); it routes every message, error and the end.</summary>
    public IDialectHandler? Handler { get; private set; }

    public Dialect? Dialect => Handler?.Dialect;

    public Room? Room { get; set; }

    /// <summary>A join waiting for the auth webhook (docs/protocol.md §12.4), or null.</summary>
    public PendingAccess? Pending { get; set; }

    /// <summary>Numeric dialect: the per-connection UUID sent as myId and stamped as senderId (docs/protocol.md §7.1).</summary>
    public string MyId => _myId ??= SecureRandomBlock.NewGuid().ToString();

    /// <summary>Fixes the dialect (docs/protocol.md §4): once, and never to another one.</summary>
    public void Use(IDialectHandler handler)
    {
        if (Handler is not null && Handler != handler)
        {
            throw new InvalidOperationException($"the dialect is fixed already ({Handler.Dialect}, not {handler.Dialect})");
        }

        Handler = handler;
    }

    /// <summary>The member this connection is in its room, or null (never joined, left, or replaced).</summary>
    public Member? Membership => Room?.FindConnection(Connection);
}
