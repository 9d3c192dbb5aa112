using System.Globalization;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>
/// Parallel /signal pairs whose callee joins while the caller is already sending (queue and
/// direct delivery race), and parallel numeric rooms broadcasting: exactly once, in order.
/// </summary>
public sealed class ConcurrencySessionTests
{
    private const int Pairs = 20;
    private const int Messages = 10;
    private const int NumericRooms = 4;
    private const int NumericMembers = 10;

    private static string Seq(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static async Task CallerAsync(TestServer server, string session)
    {
        await using var client = await WsClient.ConnectAsync(server.Ws("/signal"));
        await client.SendAsync(new { type = "join", room = session, user = "caller" });
        for (var i = 0; i < Messages; i++)
        {
            await client.SendAsync(new { type = i == 0 ? "offer" : "candidate", room = session, sdp = Seq(i), candidate = Seq(i) });
        }

        for (var i = 0; i < Messages; i++)
        {
            var answer = await client.ReceiveAsync();
            Assert.That(answer.GetProperty("from").GetString(), Is.EqualTo("callee"));
            Assert.That(answer.GetProperty("candidate").GetString(), Is.EqualTo(Seq(i)), session);
        }

        await client.SendAsync(new { type = "leave", room = session, user = "caller" });
        await client.CloseAsync();
    }

    private static async Task CalleeAsync(TestServer server, string session)
    {
        await using var client = await WsClient.ConnectAsync(server.Ws("/signal"));
        await client.SendAsync(new { type = "join", room = session, user = "callee" });
        for (var i = 0; i < Messages; i++)
        {
            var m = await client.ReceiveAsync();
            Assert.That(m.GetProperty("type").GetString(), Is.EqualTo(i == 0 ? "offer" : "candidate"), session);
            Assert.That(m.GetProperty("candidate").GetString(), Is.EqualTo(Seq(i)), session);
        }

        for (var i = 0; i < Messages; i++)
        {
            await client.SendAsync(new { type = "candidate", room = session, candidate = Seq(i) });
        }

        var leave = await client.ReceiveAsync();
        Assert.That(leave.GetProperty("type").GetString(), Is.EqualTo("leave"));
        await client.CloseAsync();
    }

    [Test]
    public async Task Sessions_20PairsCalleeJoiningWhileCallerSends_EveryMessageOnceInOrder()
    {
        await using var server = TestServer.Start();
        var sessions = Enumerable.Range(0, Pairs).Select(_ => Guid.NewGuid().ToString()).ToArray();

        var tasks = sessions.SelectMany(s => new[] { Task.Run(() => CallerAsync(server, s)), Task.Run(() => CalleeAsync(server, s)) });
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));

        await Poll.UntilAsync(() => Poll.Registry(server, r => r.Count == 0), "every session to be removed");
        Assert.That(Poll.Registry(server, r => r.EndedCount), Is.EqualTo(Pairs));
        Assert.That(server.Host.Metrics.ErrorsSent.Snapshot(), Is.Empty);
    }

    private static async Task<(WsClient Client, string MyId)> EnterAsync(TestServer server, object message)
    {
        var client = await WsClient.ConnectAsync(server.Ws("/"));
        await client.SendAsync(message);
        var reply = await client.ReceiveAsync();
        return (client, reply.GetProperty("myId").GetString()!);
    }

    private static async Task BroadcastAsync(WsClient client, string myId, Dictionary<string, List<int>> inbox)
    {
        for (var i = 0; i < Messages; i++)
        {
            await client.SendAsync(new { type = "signal", payload = i });
        }

        for (var n = 0; n < (NumericMembers - 1) * Messages; n++)
        {
            var m = await client.ReceiveAsync();
            var sender = m.GetProperty("senderId").GetString()!;
            Assert.That(sender, Is.Not.EqualTo(myId));
            if (!inbox.TryGetValue(sender, out var list))
            {
                inbox[sender] = list = [];
            }

            list.Add(m.GetProperty("payload").GetInt32());
        }
    }

    [Test]
    public async Task Numeric_40ClientsIn4Rooms_EverySignalOnceInOrderToEveryOtherMember()
    {
        await using var server = TestServer.Start();
        var creators = await Task.WhenAll(Enumerable.Range(0, NumericRooms).Select(_ => Task.Run(() => EnterAsync(server, new { type = "create" }))));
        var roomIds = Poll.Registry(server, r => r.Of(Dialect.Numeric).Select(room => room.Id).ToArray());
        var joiners = await Task.WhenAll(roomIds.SelectMany(id => Enumerable.Range(1, NumericMembers - 1).Select(_ => Task.Run(() => EnterAsync(server, new { type = "join", roomId = id })))));
        var members = creators.Concat(joiners).ToArray();
        var inboxes = members.Select(_ => new Dictionary<string, List<int>>()).ToArray();

        await Task.WhenAll(members.Select((m, i) => Task.Run(() => BroadcastAsync(m.Client, m.MyId, inboxes[i])))).WaitAsync(TimeSpan.FromSeconds(60));
        await Task.WhenAll(members.Select(m => m.Client.CloseAsync()));

        var inOrder = Enumerable.Range(0, Messages).ToArray();
        Assert.That(inboxes, Has.All.Count.EqualTo(NumericMembers - 1));
        Assert.That(inboxes.SelectMany(i => i.Values), Has.All.EqualTo(inOrder));
        await Poll.UntilAsync(() => Poll.Registry(server, r => r.Of(Dialect.Numeric).All(room => room.Members.Count == 0)), "every member to be gone");
        Assert.That(Poll.Registry(server, r => r.CountOf(Dialect.Numeric)), Is.EqualTo(NumericRooms), "numeric rooms outlive their members");
        foreach (var m in members)
        {
            await m.Client.DisposeAsync();
        }
    }
}
