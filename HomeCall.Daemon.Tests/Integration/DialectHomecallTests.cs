using System.Text.Json;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>docs/protocol.md §5 over real WebSockets: complete calls in the homecall dialect.</summary>
public sealed class DialectHomecallTests
{
    private static string[] Users(JsonElement online) => online.GetProperty("users").EnumerateArray().Select(u => u.GetString()!).ToArray();

    private static async Task<WsClient> JoinAsync(TestServer server, string room, string user, int expectedUsers)
    {
        var client = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await client.SendAsync(new { type = "join", room, user });
        var online = await client.ReceiveTypeAsync("online");
        Assert.That(Users(online), Has.Length.EqualTo(expectedUsers));
        return client;
    }

    private static async Task ExchangeAsync(WsClient a, string aName, WsClient b, string bName)
    {
        await a.SendAsync(new { type = "offer", to = bName, sdp = new { type = "offer", sdp = "v=0 " + aName } });
        var offer = await b.ReceiveTypeAsync("offer");
        Assert.That(offer.GetProperty("from").GetString(), Is.EqualTo(aName));
        Assert.That(offer.GetProperty("sdp").GetProperty("sdp").GetString(), Is.EqualTo("v=0 " + aName));

        await b.SendAsync(new { type = "answer", from = bName, to = aName, sdp = new { type = "answer", sdp = "v=0 " + bName } });
        var answer = await a.ReceiveTypeAsync("answer");
        Assert.That(answer.GetProperty("from").GetString(), Is.EqualTo(bName));

        await a.SendAsync(new { type = "candidate", to = bName, candidate = new { candidate = "candidate:1 1 udp 1 127.0.0.1 5000 typ host", sdpMid = "0" } });
        await b.SendAsync(new { type = "candidate", to = aName, candidate = new { candidate = "candidate:2 1 udp 1 127.0.0.1 5002 typ host", sdpMid = "0" } });
        await b.SendTextAsync("{\"type\":\"candidate\",\"to\":\"" + aName + "\",\"candidate\":null}");
        Assert.That((await b.ReceiveTypeAsync("candidate")).GetProperty("candidate").GetProperty("candidate").GetString(), Does.Contain("5000"));
        Assert.That((await a.ReceiveTypeAsync("candidate")).GetProperty("candidate").GetProperty("candidate").GetString(), Does.Contain("5002"));
        Assert.That((await a.ReceiveTypeAsync("candidate")).GetProperty("candidate").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Call_TwoParties_FullExchangeThenLeave()
    {
        await using var server = TestServer.Start();
        await using var alice = await JoinAsync(server, "garden", "alice", 1);
        await using var bob = await JoinAsync(server, "garden", "bob", 2);
        Assert.That(Users(await alice.ReceiveTypeAsync("online")), Is.EqualTo(Expect.List("alice", "bob")));

        await ExchangeAsync(alice, "alice", bob, "bob");
        await bob.SendAsync(new { type = "leave", room = "garden", user = "bob" });

        Assert.That(Users(await alice.ReceiveTypeAsync("online")), Is.EqualTo(Expect.List("alice")));
        await alice.SendAsync(new { type = "offer", to = "bob", sdp = "v=0" });
        var error = await alice.ReceiveAsync();
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("user-not-found"));
        Assert.That(error.GetProperty("to").GetString(), Is.EqualTo("bob"));
    }

    [Test]
    public async Task Call_ThreeParties_EveryPairConnects()
    {
        await using var server = TestServer.Start();
        await using var a = await JoinAsync(server, "kitchen", "a", 1);
        await using var b = await JoinAsync(server, "kitchen", "b", 2);
        await using var c = await JoinAsync(server, "kitchen", "c", 3);
        Assert.That(Users(await a.ReceiveTypeAsync("online")), Has.Length.EqualTo(2));
        Assert.That(Users(await a.ReceiveTypeAsync("online")), Is.EqualTo(Expect.List("a", "b", "c")));
        Assert.That(Users(await b.ReceiveTypeAsync("online")), Is.EqualTo(Expect.List("a", "b", "c")));

        await ExchangeAsync(a, "a", b, "b");
        await ExchangeAsync(a, "a", c, "c");
        await ExchangeAsync(b, "b", c, "c");
        await c.CloseAsync();

        Assert.That(Users(await a.ReceiveTypeAsync("online")), Is.EqualTo(Expect.List("a", "b")));
        Assert.That(Users(await b.ReceiveTypeAsync("online")), Is.EqualTo(Expect.List("a", "b")));
    }

    [Test]
    public async Task Join_SameUserTwice_OlderGetsReplacedAndClose4001()
    {
        await using var server = TestServer.Start();
        await using var first = await JoinAsync(server, "garden", "alice", 1);

        await using var second = await JoinAsync(server, "garden", "alice", 1);

        var error = await first.ReceiveTypeAsync("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("replaced"));
        Assert.That(await first.WaitForCloseAsync(), Is.EqualTo(4001));
        Assert.That(Poll.Registry(server, r => r.Find(Dialect.Homecall, "garden")!.Members.Count), Is.EqualTo(1));
    }
}
