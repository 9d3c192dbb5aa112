using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>A handler that claims a dialect and nothing else, for the registration rules of <see cref="DialectHandlers"/>.</summary>
internal sealed class FakeDialectHandler(Dialect dialect) : IDialectHandler
{
    public Dialect Dialect { get; } = dialect;

    public bool IsSelectedBy(IConnection connection) => false;

    public bool IsSelectedBy(in InboundMessage message) => false;

    public void Open(ConnectionState state)
    {
    }

    public void Handle(ConnectionState state, in InboundMessage message)
    {
    }

    public void Unreadable(ConnectionState state)
    {
    }

    public void Refuse(ConnectionState state, string code)
    {
    }

    public void Disconnected(RoomLock rooms, ConnectionState state)
    {
    }

    public void Sweep(RoomLock rooms, DateTimeOffset now, ILogger log)
    {
    }
}
