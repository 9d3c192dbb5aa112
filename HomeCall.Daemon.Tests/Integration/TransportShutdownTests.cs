using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>Shutdown (docs/protocol.md §3.5): stop accepting, tell every connection shutting-down, close with 1001 within SHUTDOWN_GRACE_MS.</summary>
public sealed class TransportShutdownTests
{
    [Test]
    public async Task Stop_ConnectedClients_ReceiveShuttingDownThen1001()
    {
        await using var server = TestServer.Start();
        await using var room = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await using var signal = await WsClient.ConnectAsync(server.Ws("/signal"));
        await Poll.UntilAsync(() => server.Host.Connections == 2, "both connections to be open", WsClient.DefaultWait);

        var clock = Stopwatch.StartNew();
        var stopping = server.StopAsync();

        var roomError = await room.ReceiveAsync();
        var signalError = await signal.ReceiveAsync();
        Assert.That(roomError.GetProperty("code").GetString(), Is.EqualTo("shutting-down"));
        Assert.That(signalError.GetProperty("code").GetString(), Is.EqualTo("shutting-down"));
        Assert.That(signalError.TryGetProperty("room", out _), Is.True, "/signal errors carry room");
        Assert.That(await room.WaitForCloseAsync(), Is.EqualTo(1001));
        Assert.That(await signal.WaitForCloseAsync(), Is.EqualTo(1001));
        // ClientWebSocket leaves the answer to the application (browsers answer by themselves).
        await room.Socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "", CancellationToken.None);
        await signal.Socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "", CancellationToken.None);
        await stopping;

        // Answered closes end it in ~50 ms; the 5 s grace is 100× that, so only waiting out the grace fails.
        Assert.That(clock.Elapsed, Is.LessThan(server.Options.ShutdownGrace), "clients that answer the close end shutdown early");
        Assert.That(server.Logs.Lines, Has.None.StartsWith("Shutdown grace of"));
    }

    [Test]
    public async Task Stop_PeerIgnoresClose_AbortedAfterGrace()
    {
        var grace = TimeSpan.FromMilliseconds(300);
        await using var server = TestServer.Start(new DaemonOptions { ShutdownGrace = grace });
        await using var deaf = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");
        await Poll.UntilAsync(() => server.Host.Connections == 1, "the connection to be open", WsClient.DefaultWait);
        var clock = Stopwatch.StartNew();

        // The raw client never answers the close frame; only the grace can end it.
        await server.StopAsync();

        // The 300 ms grace ends it in ~0.35 s; 4 s is over 10× that, and still under the 5 s close timeout this guards against.
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), "the 5 s close handshake timeout must not hold shutdown past the grace");
        Assert.That(await deaf.WaitForEndAsync(WsClient.DefaultWait), Is.True);
        Assert.That(server.Logs.Lines, Has.Some.StartsWith("Shutdown grace of 300 ms over"));
    }

    [Test]
    public async Task Stop_HandshakeInProgress_DoesNotDelayShutdown()
    {
        await using var server = TestServer.Start(new DaemonOptions { HandshakeTimeout = TimeSpan.FromMinutes(5) });
        using var slow = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await slow.ConnectAsync(server.Endpoint);
        await slow.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n"), SocketFlags.None);
        var clock = Stopwatch.StartNew();

        await server.StopAsync();

        Assert.That(clock.Elapsed, Is.LessThan(server.Options.ShutdownGrace));
        var (response, closed) = await RawHttp.ReadUntilClosedAsync(slow, WsClient.DefaultWait);
        Assert.That(response, Is.Empty);
        Assert.That(closed, Is.True, "the shutdown should have closed the half-received handshake");
    }

    [Test]
    public async Task Stop_AfterStop_NewConnectionsAreRefused()
    {
        var server = TestServer.Start();
        var endpoint = server.Endpoint;
        await server.DisposeAsync();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.ThrowsAsync<SocketException>(async () => await socket.ConnectAsync(endpoint));
    }
}
