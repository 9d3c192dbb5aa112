using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Gives every connection the same prepared signaling side (transport tests without the hub).</summary>
internal sealed class FixedObserverHandler(IConnectionObserver session) : IConnectionHandler
{
    public IConnectionObserver Open(IConnection connection) => session;
}
