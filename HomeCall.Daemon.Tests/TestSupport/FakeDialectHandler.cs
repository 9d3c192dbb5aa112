using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>A handler that claims a dialect and nothing else, for the registration rules of <see cref="DialectHandlers"/>.</summary>
internal sealed class FakeDialectHandler(Dialect dialect) : IDialectHandler
{
    public Dialect Dialect { get; } = dialect;

    public void Handle(ClientState state, in InboundMessage message)
    {
    }

    public void Unreadable(ClientState state)
    {
    }

    public void Refuse(ClientState state, string code)
    {
    }

    public void Disconnected(RoomLock rooms, ClientState state, ref RoomLogLines lines)
    {
    }
}
