using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Numeric;

/// <summary>docs/protocol.md §7.1, every row of the numeric message table.</summary>
public sealed class NumericHandlerTests
{
    [Test]
    public void Create_First_RoomCreatedWithFourDigitIdAndUuid()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "create" });

        var reply = client.Single();
        Assert.That(JsonShape.Keys(reply), Is.EqualTo(Expect.List("type", "roomId", "myId")));
        Assert.That(JsonShape.Type(reply), Is.EqualTo("room_created"));
        Assert.That(JsonShape.Str(reply, "roomId"), Does.Match("^[1-9][0-9]{3}$"));
        Assert.That(Guid.TryParseExact(JsonShape.Str(reply, "myId"), "D", out _), Is.True);
        Assert.That(hub.MembersOf(Dialect.Numeric, JsonShape.Str(reply, "roomId")!), Has.Count.EqualTo(1));
    }

    [Test]
    public void Join_ExistingRoom_RoomJoinedWithOwnMyId()
    {
        using var hub = new HubHarness();
        var creator = hub.Room();
        creator.Send(new { type = "create" });
        var created = creator.Single();
        var joiner = hub.Room();

        joiner.Send(new { type = "join", roomId = JsonShape.Str(created, "roomId") });

        var reply = joiner.Single();
        Assert.That(JsonShape.Keys(reply), Is.EqualTo(Expect.List("type", "roomId", "myId")));
        Assert.That(JsonShape.Type(reply), Is.EqualTo("room_joined"));
        Assert.That(JsonShape.Str(reply, "roomId"), Is.EqualTo(JsonShape.Str(created, "roomId")));
        Assert.That(JsonShape.Str(reply, "myId"), Is.Not.EqualTo(JsonShape.Str(created, "myId")));
    }

    [Test]
    public void MyId_SeveralReplies_SameValuePerConnection()
    {
        using var hub = new HubHarness();
        hub.NumericCreator(out var other);
        var client = hub.Room();

        client.Send(new { type = "create" });
        client.Send(new { type = "join", roomId = other });
        client.Send(new { type = "create" });
        client.Send(new { type = "join", roomId = other });

        Assert.That(client.Messages.Select(m => JsonShape.Str(m, "myId")).Distinct().Count(), Is.EqualTo(1));
        Assert.That(client.Messages, Has.Count.EqualTo(4));
    }

    [Test]
    public void Join_UnknownRoom_RoomNotFound()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "join", roomId = "9999" });

        Assert.That(client.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"room-not-found\",\"message\":\"Room not found\"}"));
    }

    [TestCase("\"hello\"")]
    [TestCase("\"{\\\"type\\\":\\\"offer\\\",\\\"sdp\\\":\\\"v=0\\\"}\"")]
    [TestCase("{\"type\":\"offer\",\"sdp\":\"v=0\"}")]
    [TestCase("[1,\"two\",{\"three\":3}]")]
    [TestCase("42")]
    [TestCase("null")]
    public void Signal_AnyPayload_EveryOtherMemberGetsExactlySenderIdAndPayload(string payload)
    {
        using var hub = new HubHarness();
        var a = hub.Room();
        a.Send(new { type = "create" });
        var roomId = JsonShape.Str(a.Single(), "roomId")!;
        var aId = JsonShape.Str(a.Single(), "myId");
        a.Clear();
        var b = hub.NumericJoiner(roomId);
        var c = hub.NumericJoiner(roomId);

        a.SendText("{\"type\":\"signal\",\"extra\":1,\"payload\":" + payload + ",\"to\":\"x\"}");

        var expected = "{\"type\":\"signal\",\"senderId\":\"" + aId + "\",\"payload\":" + payload + "}";
        Assert.That(b.SingleText(), Is.EqualTo(expected));
        Assert.That(c.SingleText(), Is.EqualTo(expected));
        Assert.That(a.Sent, Is.Empty);
    }

    [Test]
    public void Signal_MatchingSenderId_Relayed()
    {
        using var hub = new HubHarness();
        var a = hub.Room();
        a.Send(new { type = "create" });
        var roomId = JsonShape.Str(a.Single(), "roomId")!;
        var aId = JsonShape.Str(a.Single(), "myId");
        var b = hub.NumericJoiner(roomId);

        a.Send(new { type = "signal", senderId = aId, payload = "p" });

        Assert.That(b.SingleText(), Is.EqualTo("{\"type\":\"signal\",\"senderId\":\"" + aId + "\",\"payload\":\"p\"}"));
    }

    [Test]
    public void Join_SameRoomAgain_RoomJoinedWithoutDuplicate()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out var roomId);

        a.Send(new { type = "join", roomId });

        Assert.That(JsonShape.Type(a.Single()), Is.EqualTo("room_joined"));
        Assert.That(hub.MembersOf(Dialect.Numeric, roomId), Has.Count.EqualTo(1));
    }

    [Test]
    public void Join_AnotherRoom_LeavesPreviousWhichSurvives()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out var first);
        var b = hub.NumericJoiner(first);
        hub.NumericCreator(out var second);

        b.Send(new { type = "join", roomId = second });
        b.Clear();
        a.Send(new { type = "signal", payload = "only for the first room" });

        Assert.That(b.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Numeric, first), Has.Count.EqualTo(1));
        Assert.That(hub.MembersOf(Dialect.Numeric, second), Has.Count.EqualTo(2));
    }

    [Test]
    public void Create_WhileInRoom_PreviousStaysJoinable()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out var first);

        a.Send(new { type = "create" });
        var joiner = hub.Room();
        joiner.Send(new { type = "join", roomId = first });

        Assert.That(JsonShape.Str(a.Single(), "roomId"), Is.Not.EqualTo(first));
        Assert.That(JsonShape.Type(joiner.Single()), Is.EqualTo("room_joined"));
        Assert.That(hub.MembersOf(Dialect.Numeric, first), Has.Count.EqualTo(1));
    }
}
