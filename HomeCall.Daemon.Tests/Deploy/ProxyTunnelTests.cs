using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// What goes through a tunnel of a real TLS proxy running its deploy/ sample: the client's
/// real address and TLS reach the daemon, and a quiet tunnel stays open. One subclass per proxy.
/// </summary>
public abstract class ProxyTunnelTests
{
    /// <summary>The proxy's server-wide timeout in the quiet-tunnel test: far below what the samples allow a tunnel.</summary>
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(1);

    private static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");

    private protected abstract IProxyServer Server { get; }

    [Test]
    public async Task ClientIp_ThroughProxyFromAnotherAddress_DaemonLogsTheRealOneNotTheSpoofed()
    {
        await using var stack = await ProxiedDaemon.StartAsync(Server, new DaemonOptions { RequireForwardedTls = true });
        var spoofed = new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.7", ["X-Forwarded-Proto"] = "http" };

        await using (var client = await WsClient.ConnectAsync(stack.Proxy, "/ws/", ClientAddress, spoofed))
        {
            await client.SendAsync(new { type = "join", room = "forwarded", user = "eve" });
            await client.ReceiveTypeAsync("online");
        }

        var opened = stack.Daemon.Logs.Events
            .Where(e => e.MessageTemplate.Text.StartsWith("Connection opened", StringComparison.Ordinal))
            .Select(e => e.Properties["ClientIp"].ToString().Trim('"'))
            .ToArray();
        Assert.That(opened, Is.EqualTo(new[] { "127.0.0.2" }));
        Assert.That(stack.Daemon.Logs.Lines, Has.None.Contains("203.0.113.7"));
    }

    [Test]
    public async Task QuietTunnel_IdleLongerThanServerTimeout_StaysOpen()
    {
        // No daemon pings during the test: only the sample's tunnel timeout (or, for Caddy,
        // its tunnels having none) keeps the tunnel open past the server-wide ServerTimeout.
        await using var stack = await ProxiedDaemon.StartAsync(Server, new DaemonOptions { PingInterval = TimeSpan.FromMinutes(1) }, ServerTimeout);
        await using var alice = await WsClient.ConnectAsync(stack.Proxy, "/ws/");
        await using var bob = await WsClient.ConnectAsync(stack.Proxy, "/ws/");
        await alice.SendAsync(new { type = "join", room = "quiet", user = "alice" });
        await alice.ReceiveTypeAsync("online");
        await bob.SendAsync(new { type = "join", room = "quiet", user = "bob" });
        await bob.ReceiveTypeAsync("online");
        await alice.ReceiveTypeAsync("online");

        var next = bob.ReceiveTypeAsync("offer");
        // The quiet period is the behaviour under test, not a synchronisation: a tunnel
        // bound by the server timeout would be closed (and `next` failed) within it.
        var quiet = ServerTimeout * 2.5;
        Assert.That(await Task.WhenAny(next, Task.Delay(quiet)), Is.Not.SameAs(next), "the tunnel closed while quiet");

        await alice.SendAsync(new { type = "offer", to = "bob", sdp = "v=0" });
        Assert.That((await next).GetProperty("from").GetString(), Is.EqualTo("alice"));
    }
}
