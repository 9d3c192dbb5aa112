using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>A signaling side that sends every text message back as it came (transport tests without the hub).</summary>
internal sealed class EchoingObserver : IConnectionHandler, IConnectionObserver
{
    private IConnection? _connection;

    public IConnectionObserver Open(IConnection connection)
    {
        _connection = connection;
        return this;
    }

    public void OnText(ReadOnlyMemory<byte> utf8) => _connection!.Send(utf8.ToArray());

    public void OnBinary()
    {
    }

    public void OnShutdown()
    {
    }

    public void OnClosed()
    {
    }
}
