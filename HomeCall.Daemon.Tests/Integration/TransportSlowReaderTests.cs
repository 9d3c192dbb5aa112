using System.Diagnostics;
using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>Slow readers (docs/protocol.md §10.1, §10.2): a bounded send queue per connection, and one slow client never delays the others.</summary>
public sealed class TransportSlowReaderTests
{
    private const int SdpBytes = 32 * 1024;
    private const int MaxOffers = 2000;

    [Test]
    public async Task Send_ReaderNeverReads_ClosedAtQueueBoundWhileOthersAreServed()
    {
        // SEND_TIMEOUT_MS is far away: only the queue bound can end the slow reader within the test.
        var options = new DaemonOptions
        {
            MaxSendQueueBytes = 256 * 1024,
            SendTimeout = TimeSpan.FromMinutes(5),
            RateLimitPerSecond = 1_000_000,
            RateLimitBurst = 1_000_000,
        };
        await using var server = TestServer.Start(options);
        await using var slow = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/", receiveBuffer: 4096);
        await slow.SendTextAsync("""{"type":"join","room":"r","user":"slow"}""");
        await using var sender = await JoinAsync(server, "sender");
        await using var fast = await JoinAsync(server, "fast");
        await sender.ReceiveTypeAsync("online"); // fast joined
        var sdp = new string('v', SdpBytes);
        var clock = Stopwatch.StartNew();

        var offers = 0;
        JsonElement reply = default;
        while (offers < MaxOffers && !IsUserNotFound(reply))
        {
            // Interleave one message to a fast reader: it must arrive while the slow one is stuck.
            await sender.SendAsync(new { type = "offer", to = "slow", sdp });
            await sender.SendAsync(new { type = "offer", to = "fast", sdp = "v=0" });
            Assert.That((await fast.ReceiveAsync()).GetProperty("sdp").GetString(), Is.EqualTo("v=0"));
            offers++;
            reply = await NextReplyAsync(sender);
        }

        Assert.That(IsUserNotFound(reply), Is.True, $"the slow reader was still accepting after {offers} offers of {SdpBytes} bytes");
        var online = await fast.ReceiveTypeAsync("online");
        Assert.That(online.GetProperty("users").EnumerateArray().Select(u => u.GetString()), Is.EqualTo((string[])["sender", "fast"]));
        Assert.That(await slow.WaitForEndAsync(WsClient.DefaultWait), Is.True);
        Assert.That(clock.Elapsed, Is.LessThan(options.SendTimeout));
        Assert.That(server.Logs.Lines, Has.Some.StartsWith("Send queue over 262144 bytes"));
    }

    private static bool IsUserNotFound(JsonElement reply) =>
        reply.ValueKind == JsonValueKind.Object && reply.GetProperty("code").GetString() == "user-not-found";

    /// <summary>The sender hears nothing while relays succeed; probe with an invalid message to get a reply in order.</summary>
    private static async Task<JsonElement> NextReplyAsync(WsClient sender)
    {
        await sender.SendTextAsync("{}");
        var reply = await sender.ReceiveTypeAsync("error");
        return reply.GetProperty("code").GetString() == "invalid-message" ? default : await Drain(sender, reply);

        static async Task<JsonElement> Drain(WsClient sender, JsonElement first)
        {
            // user-not-found arrives before the probe's invalid-message: consume that too.
            await sender.ReceiveTypeAsync("error");
            return first;
        }
    }

    private static async Task<WsClient> JoinAsync(TestServer server, string user)
    {
        var client = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await client.SendAsync(new { type = "join", room = "r", user });
        await client.ReceiveTypeAsync("online");
        return client;
    }
}
