using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;
using Serilog.Core;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>
/// A <see cref="WebSocketConnection"/> that echoes text messages, over a real loopback socket
/// (port 0) whose client end the test writes raw frames to and reads the server's frames from.
/// </summary>
internal sealed class EchoConnection : IAsyncDisposable
{
    private readonly RawFrameReader _reader;

    private EchoConnection(Socket server, Socket client, FakeTimeProvider time)
    {
        ServerSocket = server;
        Client = client;
        _reader = new RawFrameReader(client);
        var stream = new ConnectionStream(new NetworkStream(server, ownsSocket: true), [], time);
        WebSocket = new ReceiveWatchingWebSocket(System.Net.WebSockets.WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero }));
        var services = new ConnectionServices(65536, 1 << 20, TimeSpan.FromSeconds(10), time);
        Connection = new WebSocketConnection(1, WebSocket, stream, IPAddress.Loopback, EndpointKind.Room, "", services, Logger.None, openedAt: 0);
        Connection.Attach(new EchoingObserver());
        Run = Connection.RunAsync(_ => { });
    }

    public Socket ServerSocket { get; }

    public Socket Client { get; }

    public ReceiveWatchingWebSocket WebSocket { get; }

    public WebSocketConnection Connection { get; }

    /// <summary>The connection's receive loop; it ends with the connection.</summary>
    public Task Run { get; }

    public static async Task<EchoConnection> OpenAsync(FakeTimeProvider? time = null)
    {
        var (server, client) = await LoopbackSockets.ConnectAsync();
        client.NoDelay = true;
        return new EchoConnection(server, client, time ?? new FakeTimeProvider());
    }

    /// <summary>Writes <paramref name="bytes"/> in one socket write (one segment on loopback).</summary>
    public async Task SendAsync(byte[] bytes) => await Client.SendAsync(bytes, SocketFlags.None);

    /// <summary>The server's next frame; fails the test if none comes within <see cref="RawWsConnection.DefaultWait"/>.</summary>
    public async Task<RawFrame> ReadFrameAsync()
    {
        using var wait = new CancellationTokenSource(RawWsConnection.DefaultWait);
        try
        {
            return await _reader.ReadFrameAsync(wait.Token) ?? throw new AssertionException("the server ended the connection");
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException("no frame from the server within " + RawWsConnection.DefaultWait + " (a stalled receive)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Abort();
        await Run.WaitAsync(RawWsConnection.DefaultWait);
        Connection.Dispose();
        Client.Dispose();
    }
}
