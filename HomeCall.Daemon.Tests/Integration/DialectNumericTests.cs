using System.Text.Json;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>docs/protocol.md §7 over real WebSockets: the numeric dialect.</summary>
public sealed class DialectNumericTests
{
    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    private static async Task<(WsClient Client, string MyId)> JoinAsync(TestServer server, string roomId)
    {
        var client = await WsClient.ConnectAsync(server.Ws("/"));
        await client.SendAsync(new { type = "join", roomId });
        var joined = await client.ReceiveAsync();
        Assert.That(joined.GetProperty("type").GetString(), Is.EqualTo("room_joined"));
        Assert.That(joined.GetProperty("roomId").GetString(), Is.EqualTo(roomId));
        return (client, joined.GetProperty("myId").GetString()!);
    }

    /// <summary>The numeric full call (docs/protocol.md §7.4): create → room_created → join → room_joined → signal with a JSON-string payload.</summary>
    [Test]
    public async Task SeedTwoClients_CreateJoinSignal_RelayedWithSenderId()
    {
        await using var server = TestServer.Start();
        await using var a = await WsClient.ConnectAsync(server.Ws("/"));
        await using var b = await WsClient.ConnectAsync(server.Ws("/"));

        await a.SendTextAsync(JsonSerializer.Serialize(new { type = "create" }));
        var created = await a.ReceiveAsync();
        Assert.That(created.GetProperty("type").GetString(), Is.EqualTo("room_created"));
        var roomId = created.GetProperty("roomId").GetString()!;
        Assert.That(roomId, Does.Match("^[1-9][0-9]{3}$"));

        await b.SendTextAsync(JsonSerializer.Serialize(new { type = "join", roomId }));
        var joined = await b.ReceiveAsync();
        Assert.That(joined.GetProperty("type").GetString(), Is.EqualTo("room_joined"));
        var bId = joined.GetProperty("myId").GetString()!;
        var payload = JsonSerializer.Serialize(new { type = "dummy", text = "hello from B" });
        await b.SendTextAsync(JsonSerializer.Serialize(new { type = "signal", payload }));

        var text = await a.ReceiveTextAsync();
        Assert.That(text, Is.EqualTo("{\"type\":\"signal\",\"senderId\":\"" + bId + "\",\"payload\":" + JsonSerializer.Serialize(payload) + "}"));
        Assert.That(bId, Is.Not.EqualTo(created.GetProperty("myId").GetString()));
    }

    [Test]
    public async Task Call_ThreeParties_SignalsReachEveryOtherMember()
    {
        await using var server = TestServer.Start();
        await using var a = await WsClient.ConnectAsync(server.Ws("/ws"));
        await a.SendAsync(new { type = "create" });
        var created = await a.ReceiveAsync();
        var roomId = created.GetProperty("roomId").GetString()!;
        var aId = created.GetProperty("myId").GetString()!;
        var (b, bId) = await JoinAsync(server, roomId);
        var (c, cId) = await JoinAsync(server, roomId);
        await using var bDisposer = b;
        await using var cDisposer = c;

        await a.SendAsync(new { type = "signal", payload = new { sdp = "offer from a" } });
        await b.SendAsync(new { type = "signal", payload = new { sdp = "answer from b", to = aId } });
        await c.SendAsync(new { type = "signal", payload = new { candidate = "c" } });

        var atB = new[] { await b.ReceiveAsync(), await b.ReceiveAsync() };
        var atA = new[] { await a.ReceiveAsync(), await a.ReceiveAsync() };
        Assert.That(atB.Select(m => m.GetProperty("senderId").GetString()), Is.EquivalentTo(Expect.List(aId, cId)));
        Assert.That(atA.Select(m => m.GetProperty("senderId").GetString()), Is.EquivalentTo(Expect.List(bId, cId)));
        Assert.That(atA.Select(Keys), Has.All.EqualTo(Expect.List("type", "senderId", "payload")));
        var atC = new[] { await c.ReceiveAsync(), await c.ReceiveAsync() };
        Assert.That(atC.Select(m => m.GetProperty("senderId").GetString()), Is.EquivalentTo(Expect.List(aId, bId)), "senders race: only per-sender order is defined");
    }

    [Test]
    public async Task Disconnect_AllMembers_RoomStaysJoinable()
    {
        await using var server = TestServer.Start();
        string roomId;
        await using (var a = await WsClient.ConnectAsync(server.Ws("/")))
        {
            await a.SendAsync(new { type = "create" });
            roomId = (await a.ReceiveAsync()).GetProperty("roomId").GetString()!;
            await a.CloseAsync();
        }

        await Poll.UntilAsync(() => Poll.Registry(server, r => r.Find(Dialect.Numeric, roomId)!.Members.Count == 0), "the creator's disconnect");
        var (late, _) = await JoinAsync(server, roomId);
        await using var lateDisposer = late;

        Assert.That(Poll.Registry(server, r => r.Find(Dialect.Numeric, roomId)!.Members.Count), Is.EqualTo(1));
    }
}
