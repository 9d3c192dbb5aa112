using System.Net.WebSockets;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>docs/protocol.md §3.7: pings every PING_INTERVAL_MS; a peer that does not answer within another interval is dropped.</summary>
public sealed class TransportLivenessTests
{
    // A client with a read pending answers a ping within a few ms, and every client here keeps
    // one pending from its connect on; a 1 s ping interval (and pong timeout) is over 100× that,
    // so a loaded 2-core machine still answers in time, and the tests stay a few seconds long.
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Four pings come 3 intervals after the first (~4 s); 5× that is left for a loaded machine.</summary>
    private static readonly TimeSpan FourPingsWait = 5 * 4 * Interval;

    private static TestServer Start() => TestServer.Start(new DaemonOptions { PingInterval = Interval });

    [Test]
    public async Task Ping_QuietPeerThatAnswers_StaysOpenAcrossManyIntervals()
    {
        await using var server = Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");

        // Four pings answered span three intervals: past the two after which a silent peer is gone.
        await raw.AnswerPingsAsync(4, FourPingsWait);
        await raw.SendTextAsync("{}");

        Assert.That(await raw.ReceiveTextAsync(), Does.Contain("invalid-message"));
        Assert.That(server.Host.Connections, Is.EqualTo(1));
    }

    [Test]
    public async Task Ping_IdleClientWebSocket_AnswersAutomaticallyAndStaysUsable()
    {
        await using var server = Start();
        await using var idle = await WsClient.ConnectAsync(server.Ws("/ws/"), o => o.KeepAliveInterval = TimeSpan.Zero);
        var reply = idle.ReceiveTextAsync(FourPingsWait + WsClient.DefaultWait); // A pending receive is what answers pings in ClientWebSocket.
        await using var clock = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");

        await clock.AnswerPingsAsync(4, FourPingsWait);
        await idle.SendTextAsync("{}");

        Assert.That(await reply, Does.Contain("invalid-message"));
        Assert.That(idle.Socket.State, Is.EqualTo(WebSocketState.Open));
    }

    [Test]
    public async Task Ping_PeerStopsAnswering_IsDroppedAfterItsLastPong()
    {
        await using var server = Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");
        await raw.AnswerPingsAsync(2, FourPingsWait);

        // From here the peer reads (and counts) pings but never answers them.
        var ended = await raw.WaitForEndAsync(FourPingsWait);

        Assert.That(ended, Is.True, "the server should drop a peer that stopped answering pings");
        Assert.That(raw.PingsSeen, Is.EqualTo(3), "one more ping after the last pong, then the drop");
        await Poll.UntilAsync(() => server.Host.Connections == 0, "the dropped connection to be released", WsClient.DefaultWait);
    }

    [Test]
    public async Task Ping_PeerNeverAnswers_IsDroppedAndReleased()
    {
        await using var server = Start();
        await using var silent = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");
        await silent.SendTextAsync("""{"type":"join","room":"r","user":"silent"}""");
        await using var watcher = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await watcher.SendAsync(new { type = "join", room = "r", user = "watcher" });
        await watcher.ReceiveAsync();
        // ClientWebSocket answers pings only while a receive is pending: keep one pending, or the
        // watcher would be dropped for silence too.
        var online = watcher.ReceiveTypeAsync("online");

        var ended = await silent.WaitForEndAsync(WsClient.DefaultWait);

        Assert.That(ended, Is.True, "the server should drop a peer that never answers pings");
        Assert.That(silent.PingsSeen, Is.GreaterThanOrEqualTo(1));
        // Treated as a disconnect without leave: the room is told (docs/protocol.md §3.5).
        Assert.That((await online).GetProperty("users").EnumerateArray().Select(u => u.GetString()), Is.EqualTo((string[])["watcher"]));
        await Poll.UntilAsync(() => server.Host.Connections == 1, "the dropped connection to be released", WsClient.DefaultWait);
    }
}
