using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>A signaling core stand-in that only says shutting-down when asked, and answers plain HTTP with 200.</summary>
internal sealed class ShutdownTellingHandler : IConnectionHandler, IHttpEndpoints
{
    public static readonly byte[] ShuttingDown = """{"type":"error","code":"shutting-down"}"""u8.ToArray();

    public IConnectionObserver Open(IConnection connection) => new Session(connection);

    public HttpResponse Handle(EndpointKind endpoint, HttpRequestHead request, System.Net.IPAddress clientIp) => HttpResponse.Text(200, "ok");

    private sealed class Session(IConnection connection) : IConnectionObserver
    {
        public void OnText(ReadOnlyMemory<byte> utf8)
        {
        }

        public void OnBinary()
        {
        }

        public void OnShutdown() => connection.Send(ShuttingDown);

        public void OnClosed()
        {
        }
    }
}
