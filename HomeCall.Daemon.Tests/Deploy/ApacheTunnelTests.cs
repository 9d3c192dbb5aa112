using System.Net;
using System.Net.Sockets;
using System.Text;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>The WebSocket tunnel itself: what makes Apache refuse it, and what keeps it open.</summary>
[NonParallelizable]
public sealed class ApacheTunnelTests
{
    /// <summary>Apache's Timeout in the tunnel test: far below the snippet's timeout=120.</summary>
    private static readonly TimeSpan ApacheTimeout = TimeSpan.FromSeconds(1);

    [Test]
    public async Task Upgrade_Backend101WithoutUpgradeHeader_Apache502()
    {
        SystemTools.Require("apache2", "apache2");
        using var backend = new TcpListener(IPAddress.Loopback, 0);
        backend.Start();
        var answered = AnswerWithout101UpgradeHeaderAsync(backend);
        await using var apache = await ApacheProxy.StartAsync(((IPEndPoint)backend.LocalEndpoint).Port);

        Assert.That(await WsClient.UpgradeStatusAsync(apache, "/ws/"), Is.EqualTo(502));
        await answered.WaitAsync(WsClient.DefaultWait);
        Assert.That(apache.ErrorLog, Does.Contain("Unexpected Upgrade"));
    }

    [Test]
    public async Task Upgrade_DaemonAnswers101_CarriesTheUpgradeHeaderApacheChecks()
    {
        await using var daemon = TestServer.Start();

        using var client = new TcpClient();
        await client.ConnectAsync(daemon.Endpoint);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(RawHttp.UpgradeRequest("/ws/")));
        var response = await ReadHeadAsync(client.GetStream());

        Assert.That(RawHttp.Status(response), Is.EqualTo(101));
        Assert.That(response, Does.Contain("\r\nUpgrade: websocket\r\n").IgnoreCase);
    }

    [Test]
    public async Task QuietTunnel_IdleLongerThanApacheTimeout_StaysOpen()
    {
        // No daemon pings during the test: only the snippet's timeout= keeps the tunnel open.
        await using var stack = await ProxiedDaemon.StartAsync(new DaemonOptions { PingInterval = TimeSpan.FromMinutes(1) }, ApacheTimeout);
        await using var alice = await WsClient.ConnectAsync(stack.Apache, "/ws/");
        await using var bob = await WsClient.ConnectAsync(stack.Apache, "/ws/");
        await alice.SendAsync(new { type = "join", room = "quiet", user = "alice" });
        await alice.ReceiveTypeAsync("online");
        await bob.SendAsync(new { type = "join", room = "quiet", user = "bob" });
        await bob.ReceiveTypeAsync("online");
        await alice.ReceiveTypeAsync("online");

        var next = bob.ReceiveTypeAsync("offer");
        // The quiet period is the behaviour under test, not a synchronisation: a tunnel
        // bound by Apache's Timeout would be closed (and `next` failed) within it.
        var quiet = ApacheTimeout * 2.5;
        Assert.That(await Task.WhenAny(next, Task.Delay(quiet)), Is.Not.SameAs(next), "the tunnel closed while quiet");

        await alice.SendAsync(new { type = "offer", to = "bob", sdp = "v=0" });
        Assert.That((await next).GetProperty("from").GetString(), Is.EqualTo("alice"));
    }

    /// <summary>A backend that accepts the upgrade with 101 but omits Upgrade: websocket.</summary>
    private static async Task AnswerWithout101UpgradeHeaderAsync(TcpListener backend)
    {
        using var client = await backend.AcceptTcpClientAsync();
        var stream = client.GetStream();
        await ReadHeadAsync(stream);
        await stream.WriteAsync("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n\r\n"u8.ToArray());
    }

    /// <summary>An HTTP head up to the blank line (the connection stays open after a 101), bounded in time.</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        using var cts = new CancellationTokenSource(WsClient.DefaultWait);
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, cts.Token) == 0)
            {
                break;
            }

            head.Append((char)buffer[0]);
        }

        return head.ToString();
    }
}
