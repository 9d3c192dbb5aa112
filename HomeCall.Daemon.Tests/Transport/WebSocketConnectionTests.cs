using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using HomeCall.Daemon.Transport;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class WebSocketConnectionTests
{
    [Test]
    public async Task RunAsync_SessionThrows_ClosesWith1011AndLogsError()
    {
        var (server, serverStream, client) = await ConnectedPairAsync();
        var logs = new CapturingSink();
        var log = new LoggerConfiguration().WriteTo.Sink(logs).CreateLogger();
        var limits = new ConnectionServices(65536, 1 << 20, TimeSpan.FromSeconds(10), TimeProvider.System);
        using var connection = new WebSocketConnection(1, server, serverStream, IPAddress.Loopback, EndpointKind.Room, "", limits, log, openedAt: 0);
        var session = new ThrowingSession();
        var ended = 0;
        connection.Attach(new FixedObserverHandler(session));
        var run = connection.RunAsync(_ => ended++);

        await client.SendAsync("{\"type\":\"join\"}"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await client.ReceiveAsync(buffer, wait.Token);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", wait.Token);
        await run.WaitAsync(wait.Token);

        Assert.That(result.MessageType, Is.EqualTo(WebSocketMessageType.Close));
        Assert.That((int?)client.CloseStatus, Is.EqualTo(CloseStatus.InternalError));
        Assert.That(logs.Errors.Single().Exception, Is.InstanceOf<InvalidOperationException>());
        Assert.That(session.Closed, Is.True);
        Assert.That(ended, Is.EqualTo(1), "the end is reported once");
    }

    private static async Task<(WebSocket Server, ConnectionStream ServerStream, WebSocket Client)> ConnectedPairAsync()
    {
        var (serverSocket, clientSocket) = await LoopbackSockets.ConnectAsync();
        var serverStream = new ConnectionStream(new NetworkStream(serverSocket, ownsSocket: true), [], TimeProvider.System);
        var server = WebSocket.CreateFromStream(serverStream, new WebSocketCreationOptions { IsServer = true });
        var client = WebSocket.CreateFromStream(new NetworkStream(clientSocket, ownsSocket: true), new WebSocketCreationOptions { IsServer = false });
        return (server, serverStream, client);
    }

    private sealed class ThrowingSession : IConnectionObserver
    {
        public bool Closed { get; private set; }

        public void OnText(ReadOnlyMemory<byte> utf8) => throw new InvalidOperationException("handler bug");

        public void OnBinary() => throw new InvalidOperationException("handler bug");

        public void OnShutdown()
        {
        }

        public void OnClosed() => Closed = true;
    }
}
