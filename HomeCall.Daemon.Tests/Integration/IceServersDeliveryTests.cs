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
