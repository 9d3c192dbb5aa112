using System.Text;
using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// docs/protocol.md §10.2 and §11.5: at the smallest queues the daemon accepts
/// (MAX_SEND_QUEUE_BYTES = MAX_QUEUED_BYTES = 2 × MAX_MESSAGE_BYTES + 1024), a largest message
/// whose names and values are full of DEL, C1 controls, control escapes and emoji still reaches
/// a receiver that reads promptly: its relay is the message plus the stamped sender (§3.1),
/// not a re-escaped copy that overflows the receiver's queue (1008) or the /signal queue.
/// </summary>
public sealed class MessageRelayGrowthTests
{
    /// <summary>The smallest MAX_MESSAGE_BYTES, and what the queue minimums add to twice it (docs/protocol.md §10.2).</summary>
    private const int MaxMessageBytes = 1024;
    private const int QueueAllowanceBytes = 1024;
    private const int MinimumQueueBytes = (2 * MaxMessageBytes) + QueueAllowanceBytes;
    private const string SessionId = RelayRun.SessionId;

    /// <summary>A body and unknown fields mixing every kind of character a relay might re-escape.</summary>
    private const string Nasty =
        "\"sdp\":\"v=0\\r\\n\u007f\u0085\u009f😀\\uD83D\\uDE00\\u0001\\\"\\\\\\/\"," +
        "\"\\u0001\\t\\u001F\u0080\":\"\u0085\u009f\u007f\u007f\",\"😀\\ud83d\\ude00\u2028\":[\"\\\"\\\\\\/\",\"\u007f😀\",{\"\u007f\":\"\u0085\"}],\"";

    private static readonly DaemonOptions MinimumQueues = new()
    {
        MaxMessageBytes = MaxMessageBytes,
        MaxSendQueueBytes = MinimumQueueBytes,
        MaxQueuedBytes = MinimumQueueBytes,
    };

    private static IEnumerable<RelayPath> Paths => Enum.GetValues<RelayPath>();

    [TestCaseSource(nameof(Paths))]
    public async Task Relay_LargestMessageOfDelC1ControlAndEmoji_DeliveredAtMinimumQueueSizes(RelayPath path)
    {
        await using var server = TestServer.Start(MinimumQueues);
        var clients = new List<WsClient>();
        try
        {
            var (sender, roomId) = await SenderAsync(server, path, clients);
            var receiver = path == RelayPath.SessionQueued ? null : await ReceiverAsync(server, path, roomId, sender, clients);
            var message = FilledWithDel(Envelope(path));

            await sender.SendTextAsync(message);
            await ExpectStillServedAsync(sender, "the sender got no user-not-found or queue-full");
            receiver ??= await ReceiverAsync(server, path, roomId, sender, clients);

            var relay = await receiver.ReceiveTextAsync() ?? throw new AssertionException($"receiver closed ({receiver.Socket.CloseStatus})");
            var stamp = StampOf(path, JsonDocument.Parse(relay).RootElement);
            Assert.That(Encoding.UTF8.GetByteCount(relay), Is.AtMost(RelayBound.Of(MaxMessageBytes, stamp.Name, stamp.Value)));
            await ExpectStillServedAsync(receiver, "the receiver was not closed");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>The envelope, then an unknown field named with DEL bytes filling the message to MAX_MESSAGE_BYTES.</summary>
    private static string FilledWithDel(string envelope)
    {
        var name = new string('\u007f', MaxMessageBytes - Encoding.UTF8.GetByteCount(envelope + Nasty + "\":1}"));
        var message = envelope + Nasty + name + "\":1}";
        Assert.That(Encoding.UTF8.GetByteCount(message), Is.EqualTo(MaxMessageBytes));
        return message;
    }

    private static string Envelope(RelayPath path) => path switch
    {
        RelayPath.Homecall => "{\"type\":\"offer\",\"to\":\"bob\",",
        RelayPath.Mesh => "{\"type\":\"offer\",\"targetUserId\":\"bob\",",
        RelayPath.Numeric => "{\"type\":\"signal\",\"payload\":1,",
        _ => "{\"type\":\"offer\",\"room\":\"" + SessionId + "\",",
    };

    private static (string Name, string Value) StampOf(RelayPath path, JsonElement relay)
    {
        var name = path switch { RelayPath.Mesh => "fromUserId", RelayPath.Numeric => "senderId", _ => "from" };
        Assert.That(relay.GetProperty("type").GetString(), Is.EqualTo(path == RelayPath.Numeric ? "signal" : "offer"));
        return (name, relay.GetProperty(name).GetString()!);
    }

    /// <summary>An invalid message is answered invalid-message, and nothing came before that answer.</summary>
    private static async Task ExpectStillServedAsync(WsClient client, string what)
    {
        await client.SendTextAsync("{}");
        var reply = await client.ReceiveAsync();
        Assert.That(reply.GetProperty("code").GetString(), Is.EqualTo("invalid-message"), what);
    }

    private static async Task<(WsClient Sender, string RoomId)> SenderAsync(TestServer server, RelayPath path, List<WsClient> clients)
    {
        var sender = await ConnectAsync(server, path, "alice", clients);
        switch (path)
        {
            case RelayPath.Homecall:
                await sender.SendAsync(new { type = "join", room = "garden", user = "alice" });
                await sender.ReceiveTypeAsync("online");
                return (sender, "garden");
            case RelayPath.Numeric:
                await sender.SendAsync(new { type = "create" });
                return (sender, (await sender.ReceiveTypeAsync("room_created")).GetProperty("roomId").GetString()!);
            case RelayPath.Mesh:
                await sender.ReceiveTypeAsync("participants");
                return (sender, "team");
            default:
                await sender.SendAsync(new { type = "join", room = SessionId, user = "alice" });
                return (sender, SessionId);
        }
    }

    /// <summary>Joins bob; the sender reads what that join tells it, so its next message is its own answer.</summary>
    private static async Task<WsClient> ReceiverAsync(TestServer server, RelayPath path, string roomId, WsClient sender, List<WsClient> clients)
    {
        var receiver = await ConnectAsync(server, path, "bob", clients);
        switch (path)
        {
            case RelayPath.Homecall:
                await receiver.SendAsync(new { type = "join", room = roomId, user = "bob" });
                await receiver.ReceiveTypeAsync("online");
                await sender.ReceiveTypeAsync("online");
                break;
            case RelayPath.Numeric:
                await receiver.SendAsync(new { type = "join", roomId });
                await receiver.ReceiveTypeAsync("room_joined");
                break;
            case RelayPath.Mesh:
                await receiver.ReceiveTypeAsync("participants");
                await sender.ReceiveTypeAsync("participant-joined");
                break;
            default:
                await receiver.SendAsync(new { type = "join", room = roomId, user = "bob" });
                break;
        }

        return receiver;
    }

    private static async Task<WsClient> ConnectAsync(TestServer server, RelayPath path, string user, List<WsClient> clients)
    {
        var query = path == RelayPath.Mesh ? $"?roomId=team&userId={user}&userName={user}" : "";
        var client = await WsClient.ConnectAsync(server.Ws(path is RelayPath.Session or RelayPath.SessionQueued ? "/signal" : "/ws/" + query));
        clients.Add(client);
        return client;
    }
}
