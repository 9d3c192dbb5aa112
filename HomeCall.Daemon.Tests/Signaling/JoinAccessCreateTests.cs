using System.Globalization;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>
/// Where a token comes from and what it may create (docs/protocol.md §12.1, §12.3): the message's
/// `token`, else the URL's; a join-only token cannot open a room but joins one that is open;
/// a create count is used up; numeric ids stay unpredictable.
/// </summary>
public sealed class JoinAccessCreateTests
{
    private static readonly DaemonOptions WithSecret = new() { RoomSecret = TestTokens.Secret };

    [Test]
    public void Join_TokenInUrlOnly_Joined()
    {
        using var h = new HubHarness(WithSecret);
        var client = h.Room("token=" + TestTokens.Sign(Dialect.Homecall, "garden"));

        client.Send(new { type = "join", room = "garden", user = "alice" });

        Assert.That(JsonShape.Type(client.Single()), Is.EqualTo("online"));
    }

    [Test]
    public void Join_InvalidTokenInMessageValidInUrl_MessageWinsForbidden()
    {
        using var h = new HubHarness(WithSecret);
        var client = h.Room("token=" + TestTokens.Sign(Dialect.Homecall, "garden"));

        client.Send(new { type = "join", room = "garden", user = "alice", token = "other" });

        JoinAttempts.AssertRefused(client, Dialect.Homecall, "forbidden");
    }

    [TestCase("""{"type":"join","room":"garden","user":"alice","token":7}""")]
    [TestCase("""{"type":"join","room":"garden","user":"alice","token":null}""")]
    public void Join_TokenNotAString_Forbidden(string json)
    {
        using var h = new HubHarness(WithSecret);
        var client = h.Room("token=" + TestTokens.Sign(Dialect.Homecall, "garden"));

        client.SendText(json);

        JoinAttempts.AssertRefused(client, Dialect.Homecall, "forbidden");
    }

    [Test]
    public void Join_TokenFieldTwice_InvalidMessageLikeAnyKnownField()
    {
        using var h = new HubHarness(WithSecret);
        var token = TestTokens.Sign(Dialect.Homecall, "garden");
        var client = h.Room();

        client.SendText($$"""{"type":"join","room":"garden","user":"alice","token":"x","token":"{{token}}"}""");

        Assert.That(JsonShape.Str(client.Single(), "code"), Is.EqualTo("invalid-message"));
    }

    [Test]
    public void Join_TokenTwiceInUrl_Forbidden()
    {
        using var h = new HubHarness(WithSecret);
        var token = TestTokens.Sign(Dialect.Homecall, "garden");
        var client = h.Room($"token={token}&token={token}");

        client.Send(new { type = "join", room = "garden", user = "alice" });

        JoinAttempts.AssertRefused(client, Dialect.Homecall, "forbidden");
    }

    [Test]
    public void Join_JoinOnlyTokenToEmptyRoom_ForbiddenUntilSomeoneOpensIt()
    {
        using var h = new HubHarness(WithSecret);
        var guestToken = TestTokens.Sign(Dialect.Homecall, "garden", "guest", create: 0);
        var early = h.Room();
        early.Send(new { type = "join", room = "garden", user = "guest", token = guestToken });
        JoinAttempts.AssertRefused(early, Dialect.Homecall, "forbidden");

        JoinAttempts.Attempt(h, Dialect.Homecall, TestTokens.Sign(Dialect.Homecall, "garden"));
        var guest = h.Room();
        guest.Send(new { type = "join", room = "garden", user = "guest", token = guestToken });

        Assert.That(h.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(new[] { "alice", "guest" }));
    }

    [Test]
    public void Join_SessionJoinOnlyToken_JoinsTheCallersSessionOnly()
    {
        using var h = new HubHarness(WithSecret);
        var calleeToken = TestTokens.Sign(Dialect.Session, JoinAttempts.SessionId, "bob", create: 0);
        var callee = h.Signal();
        callee.Send(new { type = "join", room = JoinAttempts.SessionId, user = "bob", token = calleeToken });
        JoinAttempts.AssertRefused(callee, Dialect.Session, "forbidden");

        JoinAttempts.Attempt(h, Dialect.Session, TestTokens.Sign(Dialect.Session, JoinAttempts.SessionId, "alice"));
        callee.Send(new { type = "join", room = JoinAttempts.SessionId, user = "bob", token = calleeToken });

        Assert.That(h.MembersOf(Dialect.Session, JoinAttempts.SessionId), Is.EqualTo(new[] { "alice", "bob" }));
    }

    [Test]
    public void Create_CountOfTwo_ThirdCreateForbidden()
    {
        using var h = new HubHarness(WithSecret);
        var token = TestTokens.Sign(Dialect.Numeric, "*", create: 2);
        var client = h.Room();

        var codes = Enumerable.Range(0, 3).Select(_ => client.Exchange($$"""{"type":"create","token":"{{token}}"}""")[^1])
            .Select(m => m.TryGetProperty("code", out var c) ? c.GetString() : JsonShape.Type(m)).ToArray();

        Assert.That(codes, Is.EqualTo(new[] { "room_created", "room_created", "forbidden" }));
    }

    [Test]
    public void Join_NumericTokenForThatRoomOrAnyRoom_JoinedOtherRoomForbidden()
    {
        using var h = new HubHarness(WithSecret);
        var creator = h.Room();
        creator.Send(new { type = "create", token = TestTokens.Sign(Dialect.Numeric, "*") });
        var id = JsonShape.Str(creator.Last, "roomId")!;
        var other = id == "9999" ? "1000" : "9999";

        string Answer(string tokenRoom) =>
            JsonShape.Type(h.Room().Exchange($$"""{"type":"join","roomId":"{{id}}","token":"{{TestTokens.Sign(Dialect.Numeric, tokenRoom, create: 0)}}"}""")[^1]);

        Assert.That(new[] { Answer(id), Answer("*"), Answer(other) }, Is.EqualTo(new[] { "room_joined", "room_joined", "error" }));
    }

    [Test]
    public void Create_WithSecretSet_IdsNotSequential()
    {
        using var h = new HubHarness(WithSecret);
        var token = TestTokens.Sign(Dialect.Numeric, "*");

        var ids = Enumerable.Range(0, 60)
            .Select(_ => int.Parse(JsonShape.Str(h.Room().Exchange($$"""{"type":"create","token":"{{token}}"}""")[^1], "roomId")!, CultureInfo.InvariantCulture))
            .ToArray();

        // Uniformly random ids make a step of +1 a 1-in-9000 event per pair: 3 of 59 would be a counter.
        Assert.That(ids.Zip(ids.Skip(1)).Count(p => p.Second == p.First + 1), Is.LessThan(3));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(60));
    }
}
