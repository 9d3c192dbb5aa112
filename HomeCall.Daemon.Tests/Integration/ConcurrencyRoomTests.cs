using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>
/// Many clients joining, relaying numbered messages and leaving the same rooms from parallel
/// tasks: every relay arrives exactly once and in order per sender, and the registry ends empty.
/// </summary>
public sealed class ConcurrencyRoomTests
{
    private const int Rooms = 4;
    private const int PerRoom = 10;
    private const int Messages = 5;

    /// <summary>Per sender, the sequence numbers received, in arrival order.</summary>
    private sealed class Inbox
    {
        public Dictionary<string, List<int>> BySender { get; } = [];

        public int Count => BySender.Values.Sum(l => l.Count);

        public void Add(string sender, string body)
        {
            if (!BySender.TryGetValue(sender, out var list))
            {
                BySender[sender] = list = [];
            }

            list.Add(int.Parse(body, CultureInfo.InvariantCulture));
        }
    }

    private static void AssertExactlyOnceInOrder(IReadOnlyDictionary<string, Inbox> inboxes, int peers)
    {
        var inOrder = Enumerable.Range(0, Messages).ToArray();
        foreach (var (user, inbox) in inboxes)
        {
            Assert.That(inbox.BySender, Has.Count.EqualTo(peers), user);
            Assert.That(inbox.BySender.Values, Has.All.EqualTo(inOrder), user);
        }
    }

    private static async Task HomecallMemberAsync(TestServer server, string room, string user, string[] peers, ConcurrentDictionary<string, Inbox> inboxes)
    {
        await using var client = await WsClient.ConnectAsync(server.Ws("/ws/"));
        var inbox = inboxes[user] = new Inbox();
        await client.SendAsync(new { type = "join", room, user });
        var everyone = false;
        while (!everyone)
        {
            var m = await client.ReceiveAsync();
            everyone = Collect(m, inbox) == PerRoom;
        }

        for (var seq = 0; seq < Messages; seq++)
        {
            foreach (var peer in peers)
            {
                await client.SendAsync(new { type = "offer", to = peer, sdp = seq.ToString(CultureInfo.InvariantCulture) });
            }
        }

        while (inbox.Count < peers.Length * Messages)
        {
            Collect(await client.ReceiveAsync(), inbox);
        }

        await client.SendAsync(new { type = "leave", room, user });
        await client.CloseAsync();
    }

    /// <summary>Files an offer in the inbox; returns the size of an online list (0 for anything else).</summary>
    private static int Collect(JsonElement m, Inbox inbox)
    {
        switch (m.GetProperty("type").GetString())
        {
            case "online":
                return m.GetProperty("users").GetArrayLength();
            case "offer":
                inbox.Add(m.GetProperty("from").GetString()!, m.GetProperty("sdp").GetString()!);
                return 0;
            default:
                Assert.Fail("unexpected message " + m.GetRawText());
                return 0;
        }
    }

    private static async Task MeshMemberAsync(TestServer server, string room, string user, string[] peers, ConcurrentDictionary<string, Inbox> inboxes)
    {
        await using var client = await WsClient.ConnectAsync(server.Ws($"/?roomId={room}&userId={user}&userName=N-{user}"));
        var inbox = inboxes[user] = new Inbox();
        var known = new HashSet<string>();
        while (known.Count < peers.Length + 1)
        {
            var m = await client.ReceiveAsync();
            switch (m.GetProperty("type").GetString())
            {
                case "participants":
                    known.UnionWith(m.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
                    break;
                case "participant-joined":
                    known.Add(m.GetProperty("participant").GetProperty("id").GetString()!);
                    break;
                case "offer":
                    inbox.Add(m.GetProperty("fromUserId").GetString()!, m.GetProperty("sdp").GetString()!);
                    break;
                default:
                    Assert.Fail("unexpected message " + m.GetRawText());
                    break;
            }
        }

        for (var seq = 0; seq < Messages; seq++)
        {
            foreach (var peer in peers)
            {
                await client.SendAsync(new { type = "offer", targetUserId = peer, sdp = seq.ToString(CultureInfo.InvariantCulture) });
            }
        }

        while (inbox.Count < peers.Length * Messages)
        {
            var m = await client.ReceiveAsync();
            if (m.GetProperty("type").GetString() == "offer")
            {
                inbox.Add(m.GetProperty("fromUserId").GetString()!, m.GetProperty("sdp").GetString()!);
            }
        }

        await client.CloseAsync();
    }

    private delegate Task Member(TestServer server, string room, string user, string[] peers, ConcurrentDictionary<string, Inbox> inboxes);

    private static async Task RunAsync(Member member)
    {
        await using var server = TestServer.Start();
        var inboxes = new ConcurrentDictionary<string, Inbox>();
        var tasks = new List<Task>();
        for (var r = 0; r < Rooms; r++)
        {
            var users = Enumerable.Range(0, PerRoom).Select(i => $"r{r}u{i}").ToArray();
            foreach (var user in users)
            {
                var room = "room" + r.ToString(CultureInfo.InvariantCulture);
                tasks.Add(Task.Run(() => member(server, room, user, users.Where(u => u != user).ToArray(), inboxes)));
            }
        }

        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(inboxes, Has.Count.EqualTo(Rooms * PerRoom));
        AssertExactlyOnceInOrder(inboxes, PerRoom - 1);
        await Poll.UntilAsync(() => Poll.Registry(server, r => r.Count == 0), "every room to be removed");
        Assert.That(server.Host.Metrics.ErrorsSent.Snapshot(), Is.Empty, "no client got an error");
    }

    [Test]
    public Task Homecall_40ClientsIn4Rooms_EveryRelayOnceInOrderAndRegistryEmpty() => RunAsync(HomecallMemberAsync);

    [Test]
    public Task Mesh_40ClientsIn4Rooms_EveryRelayOnceInOrderAndRegistryEmpty() => RunAsync(MeshMemberAsync);
}
