using System.Net;
using System.Net.Sockets;
using System.Text;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// Tunnels through deploy/apache/homecall.conf (the common cases in <see cref="ProxyTunnelTests"/>),
/// and what makes Apache refuse one: the daemon's 101 must name the upgrade.
/// </summary>
[NonParallelizable]
public sealed class ApacheTunnelTests : ProxyTunnelTests
{
    private protected override IProxyServer Server { get; } = new ApacheServer();

    [Test]
    public async Task Upgrade_Backend101WithoutUpgradeHeader_Apache502()
    {
        SystemTools.Require("apache2", "apache2");
        using var backend = new TcpListener(IPAddress.Loopback, 0);
        backend.Start();
        var answered = AnswerWithout101UpgradeHeaderAsync(backend);
        await using var apache = await ReverseProxy.StartAsync(Server, ((IPEndPoint)backend.LocalEndpoint).Port);

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
