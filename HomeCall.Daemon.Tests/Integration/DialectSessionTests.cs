using System.Net.WebSockets;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>docs/protocol.md §8 over real WebSockets: /signal calls with a late callee, a dropped connection, and leave.</summary>
public sealed class DialectSessionTests
{
    private const string Id = "9d4c2f1e-7b3a-4e8d-a6c5-1f2e3d4c5b6a";

    private static async Task<WsClient> JoinAsync(TestServer server, string user, string room = Id)
    {
        var client = await WsClient.ConnectAsync(server.Ws("/signal"));
        await client.SendAsync(new { type = "join", room, user });
        return client;
    }

    private static async Task<string> NextBodyAsync(WsClient client)
    {
        var m = await client.ReceiveAsync();
        Assert.That(m.GetProperty("room").GetString(), Is.EqualTo(Id));
        return m.GetProperty("type").GetString() + ":" + (m.TryGetProperty("sdp", out var sdp) ? sdp.GetString() : m.GetProperty("candidate").GetString());
    }

    [Test]
    public async Task Call_CalleeJoinsAfterOfferAndCandidates_ReceivesThemInOrderThenAnswers()
    {
        await using var server = TestServer.Start();
        await using var caller = await JoinAsync(server, "caller", Id.ToUpperInvariant());
        await caller.SendAsync(new { type = "offer", room = Id, from = "caller", sdp = "o1" });
        await caller.SendAsync(new { type = "candidate", room = Id, from = "caller", candidate = "c1" });
        await caller.SendAsync(new { type = "candidate", room = Id, from = "caller", candidate = "c2" });
        await Poll.UntilAsync(() => Poll.Registry(server, r => r.FindSession(Id)?.Queue.Count == 3), "the caller's messages to be queued");

        await using var callee = await JoinAsync(server, "callee");
        await caller.SendAsync(new { type = "candidate", room = Id, candidate = "c3" });

        Assert.That(await NextBodyAsync(callee), Is.EqualTo("offer:o1"));
        Assert.That(await NextBodyAsync(callee), Is.EqualTo("candidate:c1"));
        Assert.That(await NextBodyAsync(callee), Is.EqualTo("candidate:c2"));
        Assert.That(await NextBodyAsync(callee), Is.EqualTo("candidate:c3"));
        await callee.SendAsync(new { type = "answer", room = Id, sdp = "a1" });
        var answer = await caller.ReceiveAsync();
        Assert.That(answer.GetRawText(), Is.EqualTo("{\"type\":\"answer\",\"room\":\"" + Id + "\",\"from\":\"callee\",\"sdp\":\"a1\"}"));
    }

    [Test]
    public async Task Reconnect_AfterAbruptDrop_RejoinReceivesQueuedInOrder()
    {
        await using var server = TestServer.Start();
        await using var caller = await JoinAsync(server, "caller");
        var callee = await JoinAsync(server, "callee");
        await caller.SendAsync(new { type = "offer", room = Id, sdp = "o1" });
        Assert.That(await NextBodyAsync(callee), Is.EqualTo("offer:o1"));

        callee.Socket.Abort(); // The TCP connection goes away without a close frame.
        await callee.DisposeAsync();
        await Poll.UntilDetachedAsync(server, Id, "callee");
        await caller.SendAsync(new { type = "candidate", room = Id, candidate = "c1" });
        await caller.SendAsync(new { type = "offer", room = Id, sdp = "o2" });
        await Poll.UntilAsync(() => Poll.Registry(server, r => r.FindSession(Id)?.Queue.Count == 2), "the messages to be queued");
        await using var back = await JoinAsync(server, "callee");
        await caller.SendAsync(new { type = "candidate", room = Id, candidate = "c2" });

        Assert.That(await NextBodyAsync(back), Is.EqualTo("candidate:c1"));
        Assert.That(await NextBodyAsync(back), Is.EqualTo("offer:o2"));
        Assert.That(await NextBodyAsync(back), Is.EqualTo("candidate:c2"));
    }

    [Test]
    public async Task Leave_ThenAnyJoinOrRelay_SessionEnded()
    {
        await using var server = TestServer.Start();
        await using var caller = await JoinAsync(server, "caller");
        await using var callee = await JoinAsync(server, "callee");
        await caller.SendAsync(new { type = "offer", room = Id, sdp = "o1" });
        await NextBodyAsync(callee);

        await caller.SendAsync(new { type = "leave", room = Id, user = "caller" });

        var leave = await callee.ReceiveAsync();
        Assert.That(leave.GetRawText(), Is.EqualTo("{\"type\":\"leave\",\"room\":\"" + Id + "\",\"from\":\"caller\"}"));
        await callee.SendAsync(new { type = "answer", room = Id, sdp = "a1" });
        var ended = await callee.ReceiveAsync();
        Assert.That(ended.GetRawText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + Id + "\",\"code\":\"session-ended\",\"message\":\"Сессия завершена\"}"));
        await using var late = await JoinAsync(server, "caller");
        Assert.That((await late.ReceiveAsync()).GetProperty("code").GetString(), Is.EqualTo("session-ended"));
    }

    [Test]
    public async Task Shutdown_JoinedParticipant_RussianShuttingDownWithSessionThenClose1001()
    {
        await using var server = TestServer.Start();
        await using var caller = await JoinAsync(server, "caller");
        await Poll.UntilAsync(() => Poll.Registry(server, r => r.Find(Dialect.Session, Id) is not null), "the join");

        var stopping = server.StopAsync();

        var error = await caller.ReceiveAsync();
        Assert.That(error.GetRawText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + Id + "\",\"code\":\"shutting-down\",\"message\":\"Сервер останавливается\"}"));
        Assert.That(await caller.WaitForCloseAsync(), Is.EqualTo(1001));
        await caller.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None); // As a browser answers a close.
        await stopping.WaitAsync(TimeSpan.FromSeconds(4)); // Well under SHUTDOWN_GRACE_MS: the answered close ends it.
    }
}
