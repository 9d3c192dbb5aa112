using System.Diagnostics;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Spec §2 slow readers: a member that never reads has at most MAX_SEND_QUEUE_BYTES
/// waiting for it; past that it is dropped (closed with 1008, aborted after
/// SEND_TIMEOUT_MS when even the close cannot be written) and the room is told, while
/// relays to a reading member keep flowing without delay.
/// </summary>
public sealed class AbuseSlowReaderTests
{
    private const int OfferSdpBytes = 60_000;

    [Test]
    public async Task SlowReader_NeverReads_DroppedWhileOthersServedPromptly()
    {
        var options = new DaemonOptions { MaxSendQueueBytes = 256 * 1024, SendTimeout = TimeSpan.FromSeconds(2), RateLimitBurst = 1000 };
        await using var server = TestServer.Start(options);
        await using var stalled = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/", receiveBuffer: 4096);
        await stalled.SendTextAsync("""{"type":"join","room":"slow","user":"stalled"}""");
        await using var sender = await JoinAsync(server, "sender");
        await using var reader = await JoinAsync(server, "reader");
        var sdp = new string('s', OfferSdpBytes);

        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 120; i++)
        {
            await sender.SendAsync(new { type = "offer", to = "stalled", sdp });
            var watch = Stopwatch.StartNew();
            await sender.SendAsync(new { type = "offer", to = "reader", sdp = "n" + i });
            var got = await reader.ReceiveTypeAsync("offer");
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            Assert.That(got.GetProperty("sdp").GetString(), Is.EqualTo("n" + i), "in order, none lost");
        }

        var online = await Poll.UntilAsync(() => reader.ReceiveTypeAsync("online"), m => m.GetProperty("users").GetArrayLength() == 2, TimeSpan.FromSeconds(15));
        Assert.That(online.GetProperty("users").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { "sender", "reader" }));
        Assert.That(slowest, Is.LessThan(TimeSpan.FromSeconds(1)), "the stalled member never delayed the reading one");
        Assert.That(server.Logs.Lines, Has.Some.StartsWith("Send queue over 262144 bytes"));
        await Poll.UntilAsync(() => server.Host.Connections == 2, "2 open connections");
    }

    private static async Task<WsClient> JoinAsync(TestServer server, string user)
    {
        var client = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await client.SendAsync(new { type = "join", room = "slow", user });
        await client.ReceiveTypeAsync("online");
        return client;
    }
}
