using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>docs/protocol.md §6 over real WebSockets: the mesh dialect, identity from the URL.</summary>
public sealed class DialectMeshTests
{
    private static async Task<WsClient> ConnectAsync(TestServer server, string room, string id, string name, int expectedParticipants)
    {
        var client = await WsClient.ConnectAsync(server.Ws($"/?roomId={Uri.EscapeDataString(room)}&userId={id}&userName={Uri.EscapeDataString(name)}"));
        var participants = await client.ReceiveAsync();
        Assert.That(participants.GetProperty("type").GetString(), Is.EqualTo("participants"));
        Assert.That(participants.GetProperty("participants").GetArrayLength(), Is.EqualTo(expectedParticipants));
        return client;
    }

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    private static async Task ExchangeAsync(WsClient a, string aId, WsClient b, string bId)
    {
        await a.SendAsync(new { type = "offer", targetUserId = bId, sdp = new { type = "offer", sdp = "v=0 " + aId } });
        var offer = await b.ReceiveTypeAsync("offer");
        Assert.That(Keys(offer), Is.EqualTo(Expect.List("type", "fromUserId", "sdp")));
        Assert.That(offer.GetProperty("fromUserId").GetString(), Is.EqualTo(aId));

        await b.SendAsync(new { type = "answer", targetUserId = aId, sdp = new { type = "answer", sdp = "v=0 " + bId } });
        Assert.That((await a.ReceiveTypeAsync("answer")).GetProperty("fromUserId").GetString(), Is.EqualTo(bId));

        await a.SendAsync(new { type = "ice-candidate", targetUserId = bId, candidate = new { candidate = "candidate:1 1 udp 1 127.0.0.1 5000 typ host" } });
        await b.SendAsync(new { type = "ice-candidate", targetUserId = aId, candidate = new { candidate = "candidate:2 1 udp 1 127.0.0.1 5002 typ host" } });
        var toB = await b.ReceiveTypeAsync("ice-candidate");
        Assert.That(Keys(toB), Is.EqualTo(Expect.List("type", "fromUserId", "candidate")));
        Assert.That((await a.ReceiveTypeAsync("ice-candidate")).GetProperty("fromUserId").GetString(), Is.EqualTo(bId));
    }

    [Test]
    public async Task Call_TwoParties_FullExchangeThenDisconnect()
    {
        await using var server = TestServer.Start();
        await using var ann = await ConnectAsync(server, "hall", "u1", "Ann", 1);
        await using var bob = await ConnectAsync(server, "hall", "u2", "Bob Б", 2);
        var joined = await ann.ReceiveTypeAsync("participant-joined");
        Assert.That(joined.GetProperty("participant").GetProperty("name").GetString(), Is.EqualTo("Bob Б"));

        await ExchangeAsync(ann, "u1", bob, "u2");
        await bob.CloseAsync();

        var left = await ann.ReceiveTypeAsync("participant-left");
        Assert.That(left.GetProperty("userId").GetString(), Is.EqualTo("u2"));
        Assert.That(left.GetProperty("roomId").GetString(), Is.EqualTo("hall"));
    }

    [Test]
    public async Task Call_ThreeParties_EveryPairConnects()
    {
        await using var server = TestServer.Start();
        await using var a = await ConnectAsync(server, "hall", "u1", "A", 1);
        await using var b = await ConnectAsync(server, "hall", "u2", "B", 2);
        await using var c = await ConnectAsync(server, "hall", "u3", "C", 3);

        await ExchangeAsync(a, "u1", b, "u2");
        await ExchangeAsync(a, "u1", c, "u3");
        await ExchangeAsync(b, "u2", c, "u3");

        // A probe answered by the server: if anything else had been sent to c, it would come first.
        await c.SendAsync(new { type = "offer", targetUserId = "nobody", sdp = "v=0" });
        Assert.That((await c.ReceiveAsync()).GetProperty("code").GetString(), Is.EqualTo("user-not-found"));
    }

    [Test]
    public async Task Connect_MissingUserName_InvalidParametersThenClose1008()
    {
        await using var server = TestServer.Start();
        await using var client = await WsClient.ConnectAsync(server.Ws("/?roomId=hall&userId=u1"));

        var error = await client.ReceiveAsync();

        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("invalid-parameters"));
        Assert.That(error.GetProperty("parameter").GetString(), Is.EqualTo("userName"));
        Assert.That(await client.WaitForCloseAsync(), Is.EqualTo(1008));
    }

    [Test]
    public async Task Connect_FullRoom_RoomFullThenClose1008()
    {
        await using var server = TestServer.Start(new DaemonOptions { MaxRoomUsers = 1 });
        await using var a = await ConnectAsync(server, "hall", "u1", "A", 1);
        await using var b = await WsClient.ConnectAsync(server.Ws("/ws?roomId=hall&userId=u2&userName=B"));

        Assert.That((await b.ReceiveAsync()).GetProperty("code").GetString(), Is.EqualTo("room-full"));
        Assert.That(await b.WaitForCloseAsync(), Is.EqualTo(1008));
    }
}
