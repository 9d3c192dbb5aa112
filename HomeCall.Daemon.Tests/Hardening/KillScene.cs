using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// What lives in a daemon before it is SIGKILLed (a homecall room of two, a numeric room,
/// a /signal session with an offer queued), and the checks after the restart that clients
/// can rejoin and that none of it survived.
/// </summary>
internal sealed class KillScene(WsClient alice, WsClient bob, string numericRoom)
{
    private const string Session = "7d1c5b2a-9e8f-4a3b-8c6d-5e4f3a2b1c0d";

    public WsClient Alice { get; } = alice;

    public static async Task<KillScene> SetUpAsync(DaemonProcess daemon)
    {
        var alice = await JoinedAsync(daemon, "alice");
        var bob = await JoinedAsync(daemon, "bob");
        await alice.ReceiveTypeAsync("online");
        await using var creator = await WsClient.ConnectAsync(daemon.Ws("/"));
        await creator.SendAsync(new { type = "create" });
        var room = (await creator.ReceiveAsync()).GetProperty("roomId").GetString()!;
        await using var caller = await WsClient.ConnectAsync(daemon.Ws("/signal"));
        await caller.SendAsync(new { type = "join", room = Session, user = "caller" });
        await caller.SendAsync(new { type = "offer", room = Session, sdp = "before-the-crash" });
        await caller.SendAsync(new { type = "join", room = "not-a-uuid", user = "caller" }); // Answered: the offer was processed.
        await caller.ReceiveAsync();
        return new KillScene(alice, bob, room);
    }

    public async Task AssertNothingSurvivedAsync(DaemonProcess daemon)
    {
        await Alice.DisposeAsync();
        await bob.DisposeAsync();
        await using var alice2 = await JoinedAsync(daemon, "alice");
        await using var bob2 = await JoinedAsync(daemon, "bob");
        var online = await alice2.ReceiveTypeAsync("online");
        Assert.That(online.GetProperty("users").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { "alice", "bob" }), "rejoined after the restart");

        await using var late = await WsClient.ConnectAsync(daemon.Ws("/"));
        await late.SendAsync(new { type = "join", roomId = numericRoom });
        Assert.That((await late.ReceiveAsync()).GetProperty("code").GetString(), Is.EqualTo("room-not-found"));

        await using var callee = await WsClient.ConnectAsync(daemon.Ws("/signal"));
        await callee.SendAsync(new { type = "join", room = Session, user = "callee" });
        await using var caller = await WsClient.ConnectAsync(daemon.Ws("/signal"));
        await caller.SendAsync(new { type = "join", room = Session, user = "caller" });
        await caller.SendAsync(new { type = "offer", room = Session, sdp = "after-the-restart" });
        Assert.That((await callee.ReceiveAsync()).GetProperty("sdp").GetString(), Is.EqualTo("after-the-restart"), "the queued offer died with the process");
    }

    private static async Task<WsClient> JoinedAsync(DaemonProcess daemon, string user)
    {
        var client = await WsClient.ConnectAsync(daemon.Ws("/ws/"));
        await client.SendAsync(new { type = "join", room = "kitchen", user });
        await client.ReceiveTypeAsync("online");
        return client;
    }
}
