using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>docs/protocol.md §3.8 over real WebSockets: every dialect gets ice-servers right after its join reply.</summary>
public sealed class IceServersDeliveryTests
{
    private const string Secret = "integration-secret";

    private static readonly DaemonOptions WithIce = new()
    {
        StunUrls = ["stun:stun.example.org:3478"],
        TurnUrls = ["turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349?transport=tcp"],
        TurnSecret = Secret,
        TurnTtlSeconds = 3600,
    };

    private static async Task<string> TypeAsync(WsClient client) =>
        (await client.ReceiveAsync()).GetProperty("type").GetString()!;

    /// <summary>The ice-servers message is whole: both servers, TURN credentials coturn will accept, the expiry in an hour.</summary>
    private static void AssertIceServers(JsonElement message)
    {
        Assert.That(message.GetProperty("type").GetString(), Is.EqualTo("ice-servers"));
        var servers = message.GetProperty("iceServers");
        var turn = servers[1];
        var username = turn.GetProperty("username").GetString()!;
        var expiresAt = message.GetProperty("expiresAt").GetInt64();
        Assert.That(servers[0].GetProperty("urls")[0].GetString(), Is.EqualTo("stun:stun.example.org:3478"));
        Assert.That(turn.GetProperty("urls").GetArrayLength(), Is.EqualTo(2));
        Assert.That(username, Does.StartWith(expiresAt + ":"));
        Assert.That(turn.GetProperty("credential").GetString(), Is.EqualTo(TurnCredentials.Credential(Secret, username)));
        Assert.That(expiresAt - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Is.InRange(3500, 3600), "an hour from now (a loaded machine may take seconds)");
    }

    [Test]
    public async Task Homecall_Join_OnlineThenIceServers()
    {
        await using var server = TestServer.Start(WithIce);
        await using var alice = await WsClient.ConnectAsync(server.Ws("/ws/"));

        await alice.SendAsync(new { type = "join", room = "garden", user = "alice" });

        Assert.That(await TypeAsync(alice), Is.EqualTo("online"));
        AssertIceServers(await alice.ReceiveAsync());
    }

    [Test]
    public async Task Mesh_Connect_ParticipantsThenIceServers()
    {
        await using var server = TestServer.Start(WithIce);

        await using var ann = await WsClient.ConnectAsync(server.Ws("/?roomId=standup&userId=ann&userName=Ann"));

        Assert.That(await TypeAsync(ann), Is.EqualTo("participants"));
        AssertIceServers(await ann.ReceiveAsync());
    }

    [Test]
    public async Task Numeric_CreateThenJoin_ReplyThenIceServersForBoth()
    {
        await using var server = TestServer.Start(WithIce);
        await using var creator = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await using var joiner = await WsClient.ConnectAsync(server.Ws("/ws/"));

        await creator.SendAsync(new { type = "create" });
        var created = await creator.ReceiveAsync();
        AssertIceServers(await creator.ReceiveAsync());
        await joiner.SendAsync(new { type = "join", roomId = created.GetProperty("roomId").GetString() });

        Assert.That(created.GetProperty("type").GetString(), Is.EqualTo("room_created"));
        Assert.That(await TypeAsync(joiner), Is.EqualTo("room_joined"));
        AssertIceServers(await joiner.ReceiveAsync());
    }

    [Test]
    public async Task Session_JoinWithAQueuedOffer_IceServersThenTheOffer()
    {
        await using var server = TestServer.Start(WithIce);
        var room = Guid.NewGuid().ToString();
        await using var caller = await WsClient.ConnectAsync(server.Ws("/signal"));
        await caller.SendAsync(new { type = "join", room, user = "caller" });
        AssertIceServers(await caller.ReceiveAsync());
        await caller.SendAsync(new { type = "offer", room, sdp = "v=0" });
        await Poll.UntilAsync(() => Poll.Registry(server, r => r.FindSession(room)?.Queue.Count == 1), "the offer to be queued");
        await using var callee = await WsClient.ConnectAsync(server.Ws("/signal"));

        await callee.SendAsync(new { type = "join", room, user = "callee" });

        AssertIceServers(await callee.ReceiveAsync());
        Assert.That(await TypeAsync(callee), Is.EqualTo("offer"));
    }

    [Test]
    public async Task Session_QueueFilledWithQueueBoundsEqual_JoinerGetsIceServersAndEveryAcceptedOffer()
    {
        // MAX_QUEUED_BYTES may equal MAX_SEND_QUEUE_BYTES (docs/protocol.md §10.2); the joiner's ice-servers
        // goes out before the queue (§3.8), so a queue filled to the brim once overflowed the joiner's send
        // queue: closed with 1008 on its join, and every accepted offer lost without its sender being told.
        await using var server = TestServer.Start(WithIce with { MaxMessageBytes = 1024, MaxSendQueueBytes = 3072, MaxQueuedBytes = 3072 });
        var room = Guid.NewGuid().ToString();
        await using var caller = await WsClient.ConnectAsync(server.Ws("/signal"));
        await caller.SendAsync(new { type = "join", room, user = "caller" });
        AssertIceServers(await caller.ReceiveAsync());
        int[] sizes = [900, 900, 900, 200, 100, 50, 20, 10, 5, 2, 1, 0];
        foreach (var size in sizes)
        {
            await caller.SendAsync(new { type = "offer", room, sdp = new string('s', size) });
        }

        // An answer every message gets, after the queue-full answers of those before it.
        await caller.SendAsync(new { type = "offer", room = Guid.NewGuid().ToString(), sdp = "fence" });
        var refused = 0;
        while ((await caller.ReceiveAsync()).GetProperty("code").GetString() == "queue-full")
        {
            refused++;
        }

        await using var callee = await WsClient.ConnectAsync(server.Ws("/signal"));
        await callee.SendAsync(new { type = "join", room, user = "callee" });

        AssertIceServers(await callee.ReceiveAsync());
        var delivered = new List<int>();
        for (var i = 0; i < sizes.Length - refused; i++)
        {
            delivered.Add((await callee.ReceiveTypeAsync("offer")).GetProperty("sdp").GetString()!.Length);
        }

        var next = 0;
        Assert.That(delivered.All(size => (next = Array.IndexOf(sizes, size, next) + 1) > 0), Is.True, "in the order sent: " + string.Join(",", delivered));
        Assert.That(delivered, Has.Count.GreaterThan(2), "the queue was filled");
    }

    [Test]
    public async Task Homecall_NoIceServersConfigured_NothingAfterOnline()
    {
        await using var server = TestServer.Start();
        await using var alice = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await alice.SendAsync(new { type = "join", room = "garden", user = "alice" });
        Assert.That(await TypeAsync(alice), Is.EqualTo("online"));

        // Anything the join had sent would come before the answer to this relay.
        await alice.SendAsync(new { type = "offer", to = "nobody", sdp = "v=0" });

        Assert.That((await alice.ReceiveAsync()).GetProperty("code").GetString(), Is.EqualTo("user-not-found"));
    }
}
