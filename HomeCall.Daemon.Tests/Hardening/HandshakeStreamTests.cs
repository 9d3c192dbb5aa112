using System.Net;
using System.Net.Sockets;
using System.Text;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// The handshake (docs/protocol.md §2) beyond one head: bytes pipelined after the head, a head dribbled one byte per
/// packet, a second upgrade on an upgraded socket, several requests on one HTTP
/// connection, and TLS-through-proxy enforcement.
/// </summary>
public sealed class HandshakeStreamTests
{
    private static readonly byte[] Join = WireFrame.TextFrame("""{"type":"join","room":"pipelined","user":"p"}""");

    [Test]
    public async Task Upgrade_FirstFrameInSameWriteAsHead_FrameNotLost()
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.OpenAsync(server.Endpoint, "/ws/", after: Join);

        Assert.That(raw.Status, Is.EqualTo(101));
        Assert.That((await raw.ReadJsonAsync()).GetProperty("type").GetString(), Is.EqualTo("online"));
    }

    [Test]
    public async Task Upgrade_TwoFramesAndHalfAThirdAfterHead_AllProcessedInOrder()
    {
        await using var server = TestServer.Start();
        var leave = WireFrame.TextFrame("""{"type":"leave"}""");
        var third = WireFrame.TextFrame("""{"type":"offer","to":"nobody","sdp":"x"}""");
        await using var raw = await RawWsConnection.OpenAsync(server.Endpoint, "/", after: [.. Join, .. leave, .. third[..5]]);
        await raw.SendAsync(third[5..]);

        Assert.That((await raw.ReadJsonAsync()).GetProperty("type").GetString(), Is.EqualTo("online"));
        Assert.That((await raw.ReadJsonAsync()).GetProperty("code").GetString(), Is.EqualTo("not-joined"));
    }

    [Test]
    public async Task Upgrade_HeadOneBytePerPacket_Upgraded()
    {
        await using var server = TestServer.Start();
        using var socket = await RawWsConnection.ConnectSocketAsync(server.Endpoint);
        foreach (var b in Encoding.ASCII.GetBytes(RawHttp.UpgradeRequest("/signal")))
        {
            await socket.SendAsync(new[] { b });
        }

        using var cts = new CancellationTokenSource(RawWsConnection.DefaultWait);
        var buffer = new byte[1024];
        var n = await socket.ReceiveAsync(buffer, cts.Token);
        Assert.That(Encoding.ASCII.GetString(buffer, 0, n), Does.StartWith("HTTP/1.1 101 "));
    }

    [Test]
    public async Task Upgrade_SecondUpgradeHeadOnUpgradedSocket_ClosedWith1002()
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint);

        // "GET " read as a frame header: 0x47 has RSV1 set and opcode 7 (RFC 6455 §5.2).
        await raw.SendAsync(Encoding.ASCII.GetBytes(RawHttp.UpgradeRequest()));

        Assert.That(await raw.ReadCloseStatusAsync(), Is.EqualTo(1002));
    }

    [Test]
    public async Task HttpEndpoint_TwoPipelinedRequests_OneResponseThenClose()
    {
        await using var server = TestServer.Start();
        const string health = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";

        var response = await RawHttp.SendAsync(server.Endpoint, health + health);

        Assert.That(RawHttp.Status(response), Is.EqualTo(200));
        Assert.That(response.Split("HTTP/1.1 ").Length - 1, Is.EqualTo(1), response);
    }

    [Test]
    public async Task Upgrade_PeerClosesBeforeHeadEnds_NoAnswerAndDaemonServes()
    {
        await using var server = TestServer.Start();
        using (var socket = await RawWsConnection.ConnectSocketAsync(server.Endpoint))
        {
            await socket.SendAsync("GET / HTTP/1.1\r\nHost: x"u8.ToArray());

            // Closing our side only (FIN) keeps the socket readable: whatever the daemon sends back is seen.
            socket.Shutdown(SocketShutdown.Send);
            var (answer, closed) = await RawHttp.ReadUntilClosedAsync(socket, RawWsConnection.DefaultWait);
            Assert.That(answer, Is.Empty, "a head cut short gets no answer");
            Assert.That(closed, Is.True, "the daemon closes its side");
        }

        await using var client = await WsClient.ConnectAsync(server.Ws("/signal"));
        Assert.That(client.Socket.State, Is.EqualTo(System.Net.WebSockets.WebSocketState.Open));
    }

    [TestCase("127.0.0.1", "X-Forwarded-Proto: https\r\n", 101)]
    [TestCase("127.0.0.1", "", 403)]
    [TestCase("127.0.0.1", "X-Forwarded-Proto: http\r\n", 403)]
    [TestCase("127.0.0.2", "X-Forwarded-Proto: https\r\n", 403)]
    public async Task Upgrade_RequireForwardedTls_OnlyTrustedProxyWithHttpsUpgraded(string source, string headers, int status)
    {
        await using var server = TestServer.Start(new DaemonOptions { RequireForwardedTls = true, TrustedProxies = ["127.0.0.1", "::1"] });

        await using var raw = await RawWsConnection.OpenAsync(server.Endpoint, source: IPAddress.Parse(source), head: RawHttp.UpgradeRequest("/signal", headers));

        Assert.That(raw.Status, Is.EqualTo(status), raw.ResponseHead);
    }
}
