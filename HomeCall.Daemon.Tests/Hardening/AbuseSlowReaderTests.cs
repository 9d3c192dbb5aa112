using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Slow readers (docs/protocol.md §10.1, §10.2): a member that never reads has at most MAX_SEND_QUEUE_BYTES
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
        // On a fake clock the stalled member's write never times out by itself: a relay that
        // waited on it would never arrive (each receive below gives up after its 10 s wait), so
        // every offer reaching the reader proves the stalled member delayed nobody, with no
        // wall-clock bound for a loaded machine to miss.
        var time = new FakeTimeProvider();
        var options = new DaemonOptions { MaxSendQueueBytes = 256 * 1024, SendTimeout = TimeSpan.FromSeconds(2), RateLimitBurst = 1000 };
        await using var server = TestServer.Start(options, time);
        await using var stalled = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/", receiveBuffer: 4096);
        await stalled.SendTextAsync("""{"type":"join","room":"slow","user":"stalled"}""");
        await using var sender = await JoinAsync(server, "sender");
        await using var reader = await JoinAsync(server, "reader");
        var sdp = new string('s', OfferSdpBytes);

        for (var i = 0; i < 120; i++)
        {
            await sender.SendAsync(new { type = "offer", to = "stalled", sdp });
            await sender.SendAsync(new { type = "offer", to = "reader", sdp = "n" + i });
            var got = await reader.ReceiveTypeAsync("offer");
            Assert.That(got.GetProperty("sdp").GetString(), Is.EqualTo("n" + i), "in order, none lost");
        }

        Assert.That(server.Logs.Lines, Has.Some.StartsWith("Send queue over 262144 bytes"));

        // Past the bound the stalled write gets SendQueue.OverflowSendGrace; its timer may be armed
        // only once the write starts waiting, so the clock moves on until the member is gone.
        await Poll.UntilAsync(
            () =>
            {
                time.Advance(SendQueue.OverflowSendGrace);
                return server.Host.Connections == 2;
            },
            "the stalled member to be dropped after its grace");
        var online = await reader.ReceiveTypeAsync("online");
        Assert.That(online.GetProperty("users").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { "sender", "reader" }));
    }

    private static async Task<WsClient> JoinAsync(TestServer server, string user)
    {
        var client = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await client.SendAsync(new { type = "join", room = "slow", user });
        await client.ReceiveTypeAsync("online");
        return client;
    }
}
