using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Connection limits (docs/protocol.md §2.2): past MAX_CONNECTIONS_PER_IP or MAX_CONNECTIONS an upgrade
/// gets 503 (`Connection: close`); slots come back when connections end; the client IP
/// is the socket peer unless the peer is a trusted proxy (then the right-most
/// X-Forwarded-For entry), so an untrusted client cannot dodge the per-IP limit.
/// </summary>
public sealed class AbuseConnectionFloodTests
{
    private static readonly DaemonOptions Limits = new() { MaxConnectionsPerIp = 5, MaxConnections = 12 };

    [Test]
    public async Task ConnectionFlood_PastPerIpAndTotal_503UntilSlotsFreed()
    {
        await using var server = TestServer.Start(Limits);
        var open = new List<RawWsConnection>();

        Assert.That(await StatusesAsync(server, "127.0.0.2", 6, open), Is.EqualTo(new[] { 101, 101, 101, 101, 101, 503 }));
        Assert.That(await StatusesAsync(server, "127.0.0.3", 5, open), Is.All.EqualTo(101));
        Assert.That(await StatusesAsync(server, "127.0.0.4", 3, open), Is.EqualTo(new[] { 101, 101, 503 }), "12 in total");

        await open[0].DisposeAsync(); // One of 127.0.0.2's.
        await Poll.UntilAsync(() => server.Host.Connections == 11, "11 open connections");
        Assert.That(await StatusesAsync(server, "127.0.0.4", 1, open), Is.EqualTo(new[] { 101 }));
        foreach (var c in open)
        {
            await c.DisposeAsync();
        }

        await Poll.UntilAsync(() => server.Host.Connections == 0, "0 open connections");
        Assert.That(server.Logs.Lines, Has.Some.Contains("per-ip-limit").And.Some.Contains("connection-limit"));
    }

    [Test]
    public async Task ConnectionFlood_UntrustedPeerSpoofingForwardedFor_StillCountedBySocketAddress()
    {
        await using var server = TestServer.Start(Limits);
        var open = new List<RawWsConnection>();
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var c = await RawWsConnection.OpenAsync(server.Endpoint, source: IPAddress.Parse("127.0.0.5"), head: RawHttp.UpgradeRequest("/", $"X-Forwarded-For: 10.0.0.{i}\r\n"));
            open.Add(c);
            statuses.Add(c.Status);
        }

        Assert.That(statuses, Is.EqualTo(new[] { 101, 101, 101, 101, 101, 503 }));
        foreach (var c in open)
        {
            await c.DisposeAsync();
        }
    }

    [Test]
    public async Task ConnectionFlood_BehindTrustedProxy_CountedPerForwardedClient()
    {
        await using var server = TestServer.Start(Limits with { TrustedProxies = ["127.0.0.1"] });
        var open = new List<RawWsConnection>();
        var statuses = new List<int>();
        foreach (var client in new[] { "198.51.100.1", "198.51.100.1", "198.51.100.1", "198.51.100.1", "198.51.100.1", "198.51.100.1", "198.51.100.2" })
        {
            // Apache appends the address it saw to whatever the client claimed (docs/protocol.md §2.2).
            var c = await RawWsConnection.OpenAsync(server.Endpoint, head: RawHttp.UpgradeRequest("/", $"X-Forwarded-For: 6.6.6.6, {client}\r\n"));
            open.Add(c);
            statuses.Add(c.Status);
        }

        Assert.That(statuses, Is.EqualTo(new[] { 101, 101, 101, 101, 101, 503, 101 }));
        foreach (var c in open)
        {
            await c.DisposeAsync();
        }
    }

    [Test]
    public async Task ConnectionFlood_300ConcurrentUpgradesFromOneIp_Exactly200Upgraded()
    {
        await using var server = TestServer.Start(new DaemonOptions { MaxPendingHandshakes = 1000 });
        var opened = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => RawWsConnection.OpenAsync(server.Endpoint, source: IPAddress.Parse("127.0.0.6"))));

        Assert.That(opened.Count(c => c.Status == 101), Is.EqualTo(server.Options.MaxConnectionsPerIp));
        Assert.That(opened.Where(c => c.Status != 101).Select(c => c.Status), Is.All.EqualTo(503));
        Assert.That(opened.Where(c => c.Status == 503).Select(c => c.ResponseHead), Is.All.Contains("Connection: close"));
        foreach (var c in opened)
        {
            await c.DisposeAsync();
        }

        await Poll.UntilAsync(() => server.Host.Connections == 0, "0 open connections");
    }

    private static async Task<int[]> StatusesAsync(TestServer server, string source, int count, List<RawWsConnection> open)
    {
        var statuses = new int[count];
        for (var i = 0; i < count; i++)
        {
            var c = await RawWsConnection.OpenAsync(server.Endpoint, source: IPAddress.Parse(source));
            statuses[i] = c.Status;
            if (c.Status == 101)
            {
                open.Add(c);
            }
            else
            {
                await c.DisposeAsync();
            }
        }

        return statuses;
    }
}
