using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// One dialect of the signaling core (docs/protocol.md §4–§8), shared by every connection. A
/// connection's handler is chosen once — by the upgrade URL at open, else by its first valid
/// `join` or `create` — and from then on receives everything: its messages, the errors that
/// are about the connection rather than a message, its end. Handlers are registered in
/// <see cref="DialectHandlers.Create"/>, one per <see cref="Protocol.Dialect"/>.
/// </summary>
internal interface IDialectHandler
{
    Dialect Dialect { get; }

    /// <summary>True when the upgrade URL gives the connection to this dialect (docs/protocol.md §4); by default no URL does.</summary>
    bool IsSelectedBy(IConnection connection) => false;

    /// <summary>True when this message, on a connection whose dialect is not fixed yet, is one of this dialect's (docs/protocol.md §4); the handler fixes the dialect only if it is valid. By default no message does.</summary>
    bool IsSelectedBy(in InboundMessage message) => false;

    /// <summary>A connection the URL gave to this dialect has opened; its <see cref="ClientState.Handler"/> is this handler already. By default nothing happens before the first message.</summary>
    void Open(ClientState state)
    {
    }

    void Handle(ClientState state, in InboundMessage message);

    /// <summary>A message that is not JSON of a known shape, or a binary one: invalid-message (docs/protocol.md §3.1).</summary>
    void Unreadable(ClientState state);

    /// <summary>An error about the connection, not about one message: rate-limited, shutting-down.</summary>
    void Refuse(ClientState state, string code);

    /// <summary>The connection has ended (closed, aborted or replaced); the caller holds the registry lock and writes <paramref name="lines"/> after releasing it.</summary>
    void Disconnected(RoomLock rooms, ClientState state, ref RoomLogLines lines);

    /// <summary>A reload's live settings, under the registry lock (its per-IP guards are under it too). By default the dialect has none.</summary>
    void ApplyLive(RoomLock rooms, DaemonOptions options)
    {
    }

    /// <summary>Once every <see cref="SignalingHub.SweepInterval"/> (a second, or a quarter of a shorter ROOM_TIMEOUT_MS), under the registry lock: expire this dialect's idle rooms and guards. By default its rooms end with their last member and nothing expires.</summary>
    void Sweep(RoomLock rooms, DateTimeOffset now, ILogger log)
    {
    }
}
