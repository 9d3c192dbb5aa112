using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Network faults against the in-process daemon: a TCP reset in the middle of a frame,
/// of a head, or right after the upgrade; a half-open peer that stops answering pings
/// (docs/protocol.md §3.7: dropped after PING_INTERVAL_MS more); every fault ends as a
/// disconnect without leave, with the room told and the slot released.
/// </summary>
public sealed class FaultDisconnectTests
{
    [Test]
    public async Task Reset_MidFrame_RoomToldAndSlotReleased()
    {
        await using var server = TestServer.Start();
        await using var bystander = await JoinHomecallAsync(server, "bystander");
        var raw = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");
        await raw.SendTextAsync("""{"type":"join","room":"faults","user":"victim"}""");
        await raw.ReadJsonAsync();
        await bystander.ReceiveTypeAsync("online");

        var frame = WireFrame.TextFrame($$"""{"type":"offer","to":"bystander","sdp":"{{new string('x', 200)}}"}""");
        await raw.SendAsync(frame[..40]);
        raw.Reset();

        var online = await bystander.ReceiveTypeAsync("online");
        Assert.That(online.GetProperty("users").GetArrayLength(), Is.EqualTo(1));
        await Poll.UntilAsync(() => server.Host.Connections == 1, "1 open connection");
    }

    [Test]
    public async Task Reset_RightAfterUpgrade_SlotReleased()
    {
        await using var server = TestServer.Start();
        for (var i = 0; i < 20; i++)
        {
            var raw = await RawWsConnection.UpgradeAsync(server.Endpoint, "/signal");
            raw.Reset();
        }

        await Poll.UntilAsync(() => server.Host.Connections == 0, "0 open connections");
    }

    [Test]
    public async Task Reset_MidHead_PendingHandshakeSlotReleased()
    {
        await using var server = TestServer.Start(new DaemonOptions { MaxPendingHandshakes = 1 });
        for (var i = 0; i < 20; i++)
        {
            var raw = RawWsConnection.Wrap(await RawWsConnection.ConnectSocketAsync(server.Endpoint));
            await raw.SendAsync("GET /ws/ HTTP/1.1\r\nHost: loc"u8.ToArray());
            raw.Reset();
        }

        // With one pending slot, a single leaked slot would refuse every later upgrade.
        await Poll.UntilAsync(UpgradeStatusAsync, status => status == 101);

        async Task<int> UpgradeStatusAsync()
        {
            await using var next = await RawWsConnection.OpenAsync(server.Endpoint, "/ws/");
            return next.Status;
        }
    }

    [Test]
    public async Task HalfOpenPeer_StopsAnsweringPings_DroppedAndRoomTold()
    {
        // The healthy client keeps a read pending (which answers pings) except between two of its
        // awaits, a few ms at most; a 1 s ping interval and pong timeout is over 100× that, so a loaded
        // 2-core machine keeps it, while the ghost is gone after 2 s, well within the 10 s receive wait.
        await using var server = TestServer.Start(new DaemonOptions { PingInterval = TimeSpan.FromSeconds(1) });
        await using var healthy = await JoinHomecallAsync(server, "healthy");
        var onlines = OnlinesAsync(healthy, 2); // Pending from here, across the ghost's upgrade.
        await using var ghost = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");
        await ghost.SendTextAsync("""{"type":"join","room":"faults","user":"ghost"}""");

        // The ghost's socket stays open but nothing reads it or answers the server's pings.
        var online = (await onlines)[1];

        Assert.That(online.GetProperty("users").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { "healthy" }));
        await Poll.UntilAsync(() => server.Host.Connections == 1, "1 open connection");
        var frames = new List<RawFrame>();
        while (await ghost.ReadFrameAsync() is { } f)
        {
            frames.Add(f);
        }

        Assert.That(frames.Select(f => f.Opcode), Does.Contain(WireFrame.Ping), "the server did ping the ghost");
        await healthy.SendAsync(new { type = "join", room = "faults", user = "healthy" });
        Assert.That((await healthy.ReceiveAsync()).GetProperty("type").GetString(), Is.EqualTo("online"), "the pinged healthy client is still served");
    }

    /// <summary>The next <paramref name="count"/> `online` messages, read one after the other.</summary>
    private static async Task<System.Text.Json.JsonElement[]> OnlinesAsync(WsClient client, int count)
    {
        var onlines = new System.Text.Json.JsonElement[count];
        for (var i = 0; i < count; i++)
        {
            onlines[i] = await client.ReceiveTypeAsync("online");
        }

        return onlines;
    }

    private static async Task<WsClient> JoinHomecallAsync(TestServer server, string user)
    {
        var client = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await client.SendAsync(new { type = "join", room = "faults", user });
        await client.ReceiveTypeAsync("online");
        return client;
    }
}
