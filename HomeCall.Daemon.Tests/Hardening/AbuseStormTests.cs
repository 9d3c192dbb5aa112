using System.Diagnostics;
using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Abuse over real sockets: join storms against MAX_ROOM_USERS in each dialect, one
/// client joining and leaving (or reconnecting) in a tight loop, a message flood next to
/// a quiet client, and room-id guessing from two source addresses.
/// </summary>
public sealed class AbuseStormTests
{
    private const int Stormers = 40;

    [Test]
    public async Task JoinStorm_HomecallRoom_ExactlyMaxMembersOthersRoomFull()
    {
        await using var server = TestServer.Start();
        var clients = await ConnectAsync(server, "/ws/", Stormers);

        var answers = await Task.WhenAll(clients.Select(async (c, i) =>
        {
            await c.SendAsync(new { type = "join", room = "storm", user = "u" + i });
            var first = await c.ReceiveAsync();
            return first.TryGetProperty("code", out var code) ? code.GetString() : first.GetProperty("type").GetString();
        }));

        Assert.That(answers.Count(a => a == "online"), Is.EqualTo(server.Options.MaxRoomUsers));
        Assert.That(answers.Count(a => a == "room-full"), Is.EqualTo(Stormers - server.Options.MaxRoomUsers));
        Assert.That(await RoomSizesAsync(server), Is.EqualTo(new[] { server.Options.MaxRoomUsers }));
        await DisposeAllAsync(clients);
        await Poll.UntilAsync(async () => await RoomSizesAsync(server), sizes => sizes.Length == 0);
    }

    [Test]
    public async Task JoinStorm_MeshRoom_ExtraConnectionsRoomFullAnd1008()
    {
        await using var server = TestServer.Start();
        var clients = await ConnectAsync(server, "/?roomId=storm&userName=N&userId=", Stormers, appendIndex: true);

        var closes = await Task.WhenAll(clients.Select(async c =>
        {
            var first = await c.ReceiveAsync();
            return first.GetProperty("type").GetString() == "error" ? await c.WaitForCloseAsync() : 0;
        }));

        Assert.That(closes.Count(s => s == 1008), Is.EqualTo(Stormers - server.Options.MaxRoomUsers));
        Assert.That(await RoomSizesAsync(server), Is.EqualTo(new[] { server.Options.MaxRoomUsers }));
        await DisposeAllAsync(clients);
    }

    [Test]
    public async Task JoinLeaveLoop_OneClient1000Times_BystanderSeesEveryChangeInOrder()
    {
        const int Rounds = 1000;
        await using var server = TestServer.Start(new DaemonOptions { RateLimitBurst = 3 * Rounds });
        await using var bystander = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await using var looper = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await bystander.SendAsync(new { type = "join", room = "loop", user = "b" });
        await bystander.ReceiveTypeAsync("online");

        for (var i = 0; i < Rounds; i++)
        {
            await looper.SendTextAsync("""{"type":"join","room":"loop","user":"l"}""");
            await looper.SendTextAsync("""{"type":"leave","room":"loop","user":"l"}""");
        }

        for (var i = 0; i < 2 * Rounds; i++)
        {
            var users = (await bystander.ReceiveAsync()).GetProperty("users").GetArrayLength();
            Assert.That(users, Is.EqualTo(i % 2 == 0 ? 2 : 1), "online #" + i);
        }

        Assert.That(await RoomSizesAsync(server), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task ReconnectLoop_200ConnectJoinDrop_NoSlotOrRoomLeaks()
    {
        await using var server = TestServer.Start();
        for (var i = 0; i < 200; i++)
        {
            await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");
            await raw.SendTextAsync("""{"type":"join","room":"churn","user":"c"}""");
            await raw.ReadJsonAsync();
            if (i % 2 == 0)
            {
                raw.Reset();
            }
        }

        await Poll.UntilAsync(() => server.Host.Connections == 0, "0 open connections");
        Assert.That(await RoomSizesAsync(server), Is.Empty);
    }

    [Test]
    public async Task Flood_OverTheWire_FlooderLimitedQuietClientAnsweredPromptly()
    {
        // A fake clock refills no tokens however long the flood takes to process, so exactly
        // RATE_LIMIT_BURST messages pass on any machine.
        await using var server = TestServer.Start(time: new FakeTimeProvider());
        await using var flooder = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");
        await using var quiet = await WsClient.ConnectAsync(server.Ws("/ws/"));

        await flooder.SendAsync(WireFrame.Concat(Enumerable.Repeat(WireFrame.TextFrame("""{"type":"leave"}"""), 1000).ToArray()));
        var watch = Stopwatch.StartNew();
        await quiet.SendAsync(new { type = "join", room = "calm", user = "q" });
        await quiet.ReceiveTypeAsync("online");
        watch.Stop();

        var codes = new List<string?>();
        while (codes.Count < 1000)
        {
            codes.Add((await flooder.ReadJsonAsync()).GetProperty("code").GetString());
        }

        Assert.That(codes.Count(c => c == "rate-limited"), Is.EqualTo(codes.Count - server.Options.RateLimitBurst), "exactly the burst was processed");

        // Mid-flood the join is answered in 60-120 ms here, a cold JIT included; 5 s is over 40× that,
        // so a loaded 2-core machine passes and only a real stall (the quiet client queued behind the flooder) fails.
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "a flood on one connection does not stall another");
    }

    [Test]
    public async Task Guessing_OverTheWire_BlockedPerSourceAddressOnly()
    {
        await using var server = TestServer.Start(new DaemonOptions { JoinFailuresPerMinute = 5 });
        await using var owner = await WsClient.ConnectAsync(server.Ws("/"));
        await owner.SendAsync(new { type = "create" });
        var roomId = (await owner.ReceiveAsync()).GetProperty("roomId").GetString();
        await using var guesser = await RawWsConnection.UpgradeAsync(server.Endpoint, source: IPAddress.Parse("127.0.0.2"));
        await using var friend = await RawWsConnection.UpgradeAsync(server.Endpoint, source: IPAddress.Parse("127.0.0.3"));

        for (var i = 0; i < 5; i++)
        {
            await guesser.SendTextAsync("""{"type":"join","roomId":"0000"}""");
            Assert.That((await guesser.ReadJsonAsync()).GetProperty("code").GetString(), Is.EqualTo("room-not-found"));
        }

        await guesser.SendTextAsync($$"""{"type":"join","roomId":"{{roomId}}"}""");
        await friend.SendTextAsync($$"""{"type":"join","roomId":"{{roomId}}"}""");

        Assert.That((await guesser.ReadJsonAsync()).GetProperty("code").GetString(), Is.EqualTo("too-many-attempts"));
        Assert.That((await friend.ReadJsonAsync()).GetProperty("type").GetString(), Is.EqualTo("room_joined"));
    }

    private static async Task<WsClient[]> ConnectAsync(TestServer server, string path, int count, bool appendIndex = false) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => WsClient.ConnectAsync(server.Ws(appendIndex ? path + i : path))));

    private static async Task DisposeAllAsync(IEnumerable<WsClient> clients)
    {
        foreach (var c in clients)
        {
            await c.DisposeAsync();
        }
    }

    /// <summary>Member counts of every room the registry holds, read as the product reads it.</summary>
    private static Task<int[]> RoomSizesAsync(TestServer server)
    {
        using (var rooms = server.Host.Hub.Registry.Lock())
        {
            return Task.FromResult(rooms.All.Select(r => r.Members.Count).ToArray());
        }
    }
}
