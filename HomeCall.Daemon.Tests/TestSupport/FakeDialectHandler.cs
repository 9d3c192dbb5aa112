using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>A handler that claims a dialect and nothing else, for the registration rules of <see cref="DialectHandlers"/>.</summary>
internal sealed class FakeDialectHandler(Dialect dialect) : IDialectHandler
{
    public Dialect Dialect { get; } = dialect;

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
}
