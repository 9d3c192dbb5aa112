using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>Refusals (docs/protocol.md §1.2, §2.2) as a client sees them on the wire: a short response with Connection: close, then EOF.</summary>
public sealed class TransportRefusalTests
{
    private static async Task<string> SendAsync(TestServer server, string request) =>
        await RawHttp.SendAsync(server.Endpoint, request);

    [Test]
    public async Task Refusal_UnknownPath_404ThenConnectionClosed()
    {
        await using var server = TestServer.Start();

        var response = await SendAsync(server, RawHttp.UpgradeRequest("/nope"));

        Assert.That(RawHttp.Status(response), Is.EqualTo(404));
        Assert.That(response, Does.Contain("\r\nConnection: close\r\n"));
        Assert.That(server.Host.Metrics.UpgradesRefused.Get("not-found"), Is.EqualTo(1));
    }

    [Test]
    public async Task Refusal_Version8_426WithVersionHeader()
    {
        await using var server = TestServer.Start();

        var response = await SendAsync(server, RawHttp.UpgradeRequest().Replace("Version: 13", "Version: 8", StringComparison.Ordinal));

        Assert.That(RawHttp.Status(response), Is.EqualTo(426));
        Assert.That(response, Does.Contain("\r\nSec-WebSocket-Version: 13\r\n"));
    }

    [TestCase("GET / HTTP/1.1\nHost: x\nUpgrade: websocket\n\n", 400)]
    [TestCase("GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n", 400)]
    [TestCase("POST /ws/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", 405)]
    [TestCase("GET /signal HTTP/1.1\r\nHost: x\r\n\r\n", 426)]
    public async Task Refusal_BadRequest_AnsweredWithStatus(string request, int status)
    {
        await using var server = TestServer.Start();

        Assert.That(RawHttp.Status(await SendAsync(server, request)), Is.EqualTo(status));
    }

    [Test]
    public async Task Refusal_HeadOver8KiB_431()
    {
        await using var server = TestServer.Start();

        var response = await SendAsync(server, RawHttp.UpgradeRequest("/", "X-Pad: " + new string('a', 9000) + "\r\n"));

        Assert.That(RawHttp.Status(response), Is.EqualTo(431));
    }

    [Test]
    public async Task Refusal_HeadOver8KiBNeverEnding_431WithoutWaitingForTimeout()
    {
        await using var server = TestServer.Start();

        var response = await SendAsync(server, "GET / HTTP/1.1\r\nX-Pad: " + new string('a', 8200));

        Assert.That(RawHttp.Status(response), Is.EqualTo(431));
    }

    [Test]
    public async Task Refusal_ForeignOrigin_403AndAllowedOriginUpgrades()
    {
        await using var server = TestServer.Start(new DaemonOptions { AllowedOrigins = ["https://call.example"] });

        var refused = await RawUpgrade.RefusalAsync(server.Endpoint, extraHeaders: "Origin: https://evil.example\r\n");
        await using var allowed = await WsClient.ConnectAsync(server.Ws("/ws/"), o => o.SetRequestHeader("Origin", "https://call.example"));

        Assert.That(RawHttp.Status(refused), Is.EqualTo(403));
        Assert.That(allowed.Socket.State, Is.EqualTo(WebSocketState.Open));
        var ex = Assert.ThrowsAsync<WebSocketException>(
            () => WsClient.ConnectAsync(server.Ws("/ws/"), o => o.SetRequestHeader("Origin", "https://evil.example")));
        Assert.That(ex!.Message, Does.Contain("403"));
    }

    [Test]
    public async Task Refusal_ForeignOrigin_LoggedSanitisedAndTruncated()
    {
        await using var server = TestServer.Start(new DaemonOptions { AllowedOrigins = ["https://call.example"] });
        // A tab is the one control character a header value may hold (RFC 9110 §5.5); others are refused with 400.
        var origin = "https://evil\t[2J.example/" + new string('x', 300);

        var refused = await RawUpgrade.RefusalAsync(server.Endpoint, extraHeaders: $"Origin: {origin}\r\n");

        Assert.That(RawHttp.Status(refused), Is.EqualTo(403));
        var logged = server.Logs.Events.Single(e => e.Properties.ContainsKey("Origin")).Properties["Origin"].ToString().Trim('"');
        Assert.That(logged, Is.EqualTo("https://evil?[2J.example/" + new string('x', 100 - 25) + "..."));
    }

    [Test]
    public async Task Refusal_RequireForwardedTlsDirectClient_403AndProxiedHttpsUpgrades()
    {
        // Loopback is a trusted proxy by default, so the same socket can play Apache.
        await using var server = TestServer.Start(new DaemonOptions { RequireForwardedTls = true, TrustedProxies = ["127.0.0.1", "::1"] });

        var direct = await RawUpgrade.RefusalAsync(server.Endpoint);
        await using var proxied = await RawWsConnection.UpgradeAsync(server.Endpoint, extraHeaders: "X-Forwarded-Proto: https\r\nX-Forwarded-For: 192.0.2.4\r\n");

        Assert.That(RawHttp.Status(direct), Is.EqualTo(403));
        Assert.That(proxied.ResponseHead, Does.StartWith("HTTP/1.1 101"));
    }

    [Test]
    public async Task Upgrade_Response_CarriesRfcAcceptKey()
    {
        await using var server = TestServer.Start();

        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint);

        Assert.That(raw.ResponseHead, Does.Contain("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
    }

    [Test]
    public async Task Refusal_ClientKeepsSocketOpen_SeesResponseThenEof()
    {
        await using var server = TestServer.Start();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Endpoint);

        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"), SocketFlags.None);

        // The server half-closes after the response, so the client sees EOF without closing first.
        using var cts = new CancellationTokenSource(WsClient.DefaultWait);
        var response = await RawHttp.ReadToEndAsync(socket, cts.Token);
        Assert.That(RawHttp.Status(response), Is.EqualTo(404));
    }
}
