using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>
/// Private rooms over real WebSockets (docs/protocol.md §12): the `token` URL parameter for
/// clients that send no token field, and a join waiting for the auth webhook while its later
/// messages wait in order and other connections go on.
/// </summary>
public sealed class AccessOverTheWireTests
{
    private const string Id = "9d4c2f1e-7b3a-4e8d-a6c5-1f2e3d4c5b6a";

    [Test]
    public async Task Join_TokenOnlyInTheUrl_JoinedInEveryJoinDialect()
    {
        await using var server = TestServer.Start(new DaemonOptions { RoomSecret = TestTokens.Secret });

        await using var homecall = await WsClient.ConnectAsync(server.Ws("/ws/?token=" + TestTokens.Sign(Dialect.Homecall, "garden")));
        await homecall.SendAsync(new { type = "join", room = "garden", user = "alice" });
        await using var numeric = await WsClient.ConnectAsync(server.Ws("/?token=" + TestTokens.Sign(Dialect.Numeric, "*")));
        await numeric.SendAsync(new { type = "create" });
        await using var mesh = await WsClient.ConnectAsync(server.Ws("/?roomId=team&userId=u1&userName=Anna&token=" + TestTokens.Sign(Dialect.Mesh, "team", "u1")));
        await using var session = await WsClient.ConnectAsync(server.Ws("/signal?token=" + TestTokens.Sign(Dialect.Session, Id)));
        await session.SendAsync(new { type = "join", room = Id, user = "caller" });

        Assert.That(JsonShape.Type(await homecall.ReceiveAsync()), Is.EqualTo("online"));
        Assert.That(JsonShape.Type(await numeric.ReceiveAsync()), Is.EqualTo("room_created"));
        Assert.That(JsonShape.Type(await mesh.ReceiveAsync()), Is.EqualTo("participants"));
        await Poll.UntilAsync(() => Poll.Registry(server, r => r.Find(Dialect.Session, Id) is not null), "the session to be joined");
    }

    [Test]
    public async Task Connect_MeshWithoutToken_ForbiddenAndClosed1008NothingLogsTheRoom()
    {
        await using var server = TestServer.Start(new DaemonOptions { RoomSecret = TestTokens.Secret });
        var wrong = TestTokens.Sign(Dialect.Mesh, "other-room", "u1");

        await using var mesh = await WsClient.ConnectAsync(server.Ws("/?roomId=team-secret&userId=u1&userName=Anna&token=" + wrong));

        Assert.That(JsonShape.Str(await mesh.ReceiveAsync(), "code"), Is.EqualTo("forbidden"));
        Assert.That(await mesh.WaitForCloseAsync(), Is.EqualTo(1008));
        Assert.That(server.RoomCount, Is.Zero);
        var logs = string.Join("\n", server.Logs.Lines);
        Assert.That(logs, Does.Not.Contain("team-secret"));
        Assert.That(logs, Does.Not.Contain(wrong));
        Assert.That(logs, Does.Contain(TestFingerprints.Of(Dialect.Mesh, "team-secret")));
    }

    [Test]
    public async Task Join_WebhookSlow_LaterMessagesWaitInOrderOthersServedMeanwhile()
    {
        await using var hook = new WebhookServer("""{"allow":true}""") { Held = new TaskCompletionSource() };
        await using var server = TestServer.Start(new DaemonOptions { RoomSecret = TestTokens.Secret, AuthWebhookUrl = hook.Url });
        var roomToken = TestTokens.Sign(Dialect.Homecall, "kitchen");
        await using var c = await WsClient.ConnectAsync(server.Ws("/?token=" + roomToken));
        await using var d = await WsClient.ConnectAsync(server.Ws("/?token=" + roomToken));
        await c.SendAsync(new { type = "join", room = "kitchen", user = "c" });
        await d.SendAsync(new { type = "join", room = "kitchen", user = "d" });

        // A /signal client sends its offer right after its join (docs/protocol.md §8.1: a join has no answer).
        await using var caller = await WsClient.ConnectAsync(server.Ws("/signal"));
        await caller.SendAsync(new { type = "join", room = Id, user = "caller" });
        await caller.SendAsync(new { type = "offer", room = Id, sdp = "o1" });
        await Poll.UntilAsync(() => !hook.Requests.IsEmpty, "the webhook to be asked");
        await c.ReceiveTypeAsync("online");
        await c.SendAsync(new { type = "offer", to = "d", sdp = "while-pending" });
        var relayed = await d.ReceiveTypeAsync("offer");
        Assert.That(JsonShape.Str(relayed, "sdp"), Is.EqualTo("while-pending"), "another connection is served while the webhook is slow");

        hook.Held!.SetResult();
        await using var callee = await WsClient.ConnectAsync(server.Ws("/signal"));
        await callee.SendAsync(new { type = "join", room = Id, user = "callee" });

        Assert.That(JsonShape.Str(await callee.ReceiveAsync(), "sdp"), Is.EqualTo("o1"));
        Assert.That(server.Host.Metrics.ErrorsSent.Get("session-not-found"), Is.Zero, "the offer waited for its join");
    }

    [Test]
    public async Task Join_WebhookAllowsWithIceServers_OnlineThenIceServersAndOriginPosted()
    {
        await using var hook = new WebhookServer("""{"allow":true,"iceServers":[{"urls":["turn:turn.example.org:3478"],"username":"1700000000:alice","credential":"x"}]}""");
        await using var server = TestServer.Start(new DaemonOptions { AuthWebhookUrl = hook.Url });
        await using var client = await WsClient.ConnectAsync(server.Ws("/ws/"), o => o.SetRequestHeader("Origin", "https://call.example.org"));

        await client.SendAsync(new { type = "join", room = "garden", user = "alice", token = "sso-ticket" });

        Assert.That(JsonShape.Type(await client.ReceiveAsync()), Is.EqualTo("online"));
        Assert.That(await client.ReceiveTextAsync(), Is.EqualTo("""{"type":"ice-servers","iceServers":[{"urls":["turn:turn.example.org:3478"],"username":"1700000000:alice","credential":"x"}]}"""));
        var request = hook.Requests.Single();
        Assert.That((JsonShape.Str(request, "origin"), JsonShape.Str(request, "token"), JsonShape.Str(request, "room")), Is.EqualTo(("https://call.example.org", "sso-ticket", "garden")));
        Assert.That(string.Join("\n", server.Logs.Lines), Does.Not.Contain("sso-ticket").And.Not.Contain("secret-in-url"));
    }

    [Test]
    public async Task Join_WebhookNeverAnswers_ForbiddenAfterTheTimeout()
    {
        await using var hook = new WebhookServer { Hang = true };
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = TestServer.Start(new DaemonOptions { AuthWebhookUrl = hook.Url, AuthWebhookTimeout = TimeSpan.FromSeconds(3) }, time);
        await using var client = await WsClient.ConnectAsync(server.Ws("/ws/"));

        await client.SendAsync(new { type = "join", room = "garden", user = "alice" });
        await Poll.UntilAsync(() => !hook.Requests.IsEmpty, "the webhook to be asked");
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.That(JsonShape.Str(await client.ReceiveAsync(), "code"), Is.EqualTo("forbidden"));
        Assert.That(server.RoomCount, Is.Zero);
    }
}
