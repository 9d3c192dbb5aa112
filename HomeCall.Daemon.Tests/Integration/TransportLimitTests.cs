using System.Net;
using System.Net.Sockets;
using System.Text;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>Connection limits (503) and handshake limits (docs/protocol.md §2.2) (slowloris, pending handshakes).</summary>
public sealed class TransportLimitTests
{
    private static readonly IPAddress Second = IPAddress.Parse("127.0.0.2");

    [Test]
    public async Task Upgrade_PastMaxConnections_503UntilOneLeaves()
    {
        await using var server = TestServer.Start(new DaemonOptions { MaxConnections = 2 });
        await using var a = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await using var b = await WsClient.ConnectAsync(server.Ws("/signal"));

        var refused = await RawUpgrade.RefusalAsync(server.Endpoint, source: Second);
        await a.CloseAsync();
        await Poll.UntilAsync(() => server.Host.Connections == 1, "the closed connection to be released", WsClient.DefaultWait);
        await using var c = await WsClient.ConnectAsync(server.Ws("/ws/"));

        Assert.That(RawHttp.Status(refused), Is.EqualTo(503));
        Assert.That(refused, Does.Contain("\r\nConnection: close\r\n"));
        Assert.That(server.Host.Metrics.UpgradesRefused.Get("connection-limit"), Is.EqualTo(1));
    }

    [Test]
    public async Task Upgrade_PastMaxConnectionsPerIp_503ForThatIpOnly()
    {
        await using var server = TestServer.Start(new DaemonOptions { MaxConnectionsPerIp = 1, TrustedProxies = [] });
        await using var first = await WsClient.ConnectAsync(server.Ws("/ws/"));

        var refused = await RawUpgrade.RefusalAsync(server.Endpoint);
        await using var otherIp = await RawWsConnection.UpgradeAsync(server.Endpoint, source: Second);

        Assert.That(RawHttp.Status(refused), Is.EqualTo(503));
        Assert.That(server.Host.Metrics.UpgradesRefused.Get("per-ip-limit"), Is.EqualTo(1));
        Assert.That(server.Host.Connections, Is.EqualTo(2));
    }

    [Test]
    public async Task Upgrade_ThroughTrustedProxy_CountsForwardedClientIp()
    {
        // Every client behind Apache shares the proxy's address; the limit applies per forwarded client.
        await using var server = TestServer.Start(new DaemonOptions { MaxConnectionsPerIp = 1, TrustedProxies = ["127.0.0.1"] });
        await using var alice = await RawWsConnection.UpgradeAsync(server.Endpoint, extraHeaders: "X-Forwarded-For: 192.0.2.1\r\n");
        await using var bob = await RawWsConnection.UpgradeAsync(server.Endpoint, extraHeaders: "X-Forwarded-For: 192.0.2.2\r\n");

        var aliceAgain = await RawUpgrade.RefusalAsync(server.Endpoint, extraHeaders: "X-Forwarded-For: 6.6.6.6, 192.0.2.1\r\n");
        await using var untrusted = await RawWsConnection.UpgradeAsync(server.Endpoint, source: Second, extraHeaders: "X-Forwarded-For: 192.0.2.1\r\n");
        var spoofed = await RawUpgrade.RefusalAsync(server.Endpoint, source: Second, extraHeaders: "X-Forwarded-For: 192.0.2.3\r\n");

        Assert.That(RawHttp.Status(aliceAgain), Is.EqualTo(503), "the right-most entry is the client Apache saw");
        Assert.That(RawHttp.Status(spoofed), Is.EqualTo(503), "127.0.0.2 is no trusted proxy: it is counted as itself whatever it claims");
        Assert.That(server.Host.Connections, Is.EqualTo(3));
    }

    [Test]
    public async Task Handshake_PartialHeadThenSilence_ClosedAfterHandshakeTimeout()
    {
        await using var server = TestServer.Start(new DaemonOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        using var socket = await ConnectAsync(server);
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /ws/ HTTP/1.1\r\nHost: x\r\n"), SocketFlags.None);

        var (response, closed) = await RawHttp.ReadUntilClosedAsync(socket, WsClient.DefaultWait);

        Assert.That(closed, Is.True, "the server should have closed the socket");
        Assert.That(response, Is.Empty, "a slowloris gets no answer, only the close");
        Assert.That(server.Host.Metrics.UpgradesRefused.Get("handshake-timeout"), Is.EqualTo(1));
    }

    [Test]
    public async Task Handshake_PastMaxPendingHandshakes_ClosesNewSocketsUntilOneCompletes()
    {
        await using var server = TestServer.Start(new DaemonOptions { MaxPendingHandshakes = 1 });
        using var slow = await ConnectAsync(server);
        var head = Encoding.ASCII.GetBytes(RawHttp.UpgradeRequest("/ws/"));
        await slow.SendAsync(head.AsMemory(0, 10), SocketFlags.None);

        // Accepted after `slow` (the backlog is first in, first out), so it finds the one slot taken.
        using var turnedAway = await ConnectAsync(server);
        var (refusedResponse, refusedClosed) = await RawHttp.ReadUntilClosedAsync(turnedAway, WsClient.DefaultWait);
        await slow.SendAsync(head.AsMemory(10), SocketFlags.None);
        using var cts = new CancellationTokenSource(WsClient.DefaultWait);
        var buffer = new byte[12];
        var n = await slow.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        await using var after = await WsClient.ConnectAsync(server.Ws("/ws/"));

        Assert.That(refusedClosed, Is.True, "the server should have closed the turned-away socket");
        Assert.That(refusedResponse, Is.Empty);
        Assert.That(Encoding.ASCII.GetString(buffer, 0, n), Is.EqualTo("HTTP/1.1 101"));
        Assert.That(server.Host.Metrics.UpgradesRefused.Get("pending-handshakes"), Is.EqualTo(1));
    }

    [Test]
    public async Task Upgrade_RefusedPastMaxConnections_StaysPendingWhileItsAnswerLingers()
    {
        // On a fake clock the refused socket's linger cannot end by itself, so the order is certain.
        var options = new DaemonOptions { MaxConnections = 1, MaxPendingHandshakes = 1 };
        await using var server = TestServer.Start(options, new FakeTimeProvider());
        await using var first = await WsClient.ConnectAsync(server.Ws("/ws/"));
        using var cts = new CancellationTokenSource(WsClient.DefaultWait);
        using var refused = await ConnectAsync(server);
        await refused.SendAsync(Encoding.ASCII.GetBytes(RawHttp.UpgradeRequest()), SocketFlags.None);
        var head = await RawUpgrade.ReadResponseHeadAsync(refused, cts.Token);

        // The refused client keeps its socket open: it still holds the one pending-handshake slot.
        using var third = await ConnectAsync(server);
        await third.SendAsync(Encoding.ASCII.GetBytes(RawHttp.UpgradeRequest()), SocketFlags.None);
        var thirdResponse = await RawHttp.ReadToEndAsync(third, cts.Token);

        Assert.That(RawHttp.Status(head), Is.EqualTo(503));
        Assert.That(thirdResponse, Is.Empty, "turned away by MAX_PENDING_HANDSHAKES, not answered");
        Assert.That(server.Host.Metrics.UpgradesRefused.Get("pending-handshakes"), Is.EqualTo(1));
    }

    private static async Task<Socket> ConnectAsync(TestServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Endpoint);
        return socket;
    }
}
