using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>docs/protocol.md §4: how a room-endpoint connection's dialect is fixed, and what that implies.</summary>
public sealed class SignalingClientDialectTests
{
    [Test]
    public void Open_QueryWithRoomId_IsMeshBeforeAnyMessage()
    {
        using var hub = new HubHarness();

        var client = hub.Mesh("hall", "u1", "Ann");

        Assert.That(JsonShape.Type(client.Single()), Is.EqualTo("participants"));
    }

    [Test]
    public void OnText_FirstJoinWithRoomAndUser_IsHomecall()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "join", room = "garden", user = "alice" });

        Assert.That(JsonShape.Type(client.Single()), Is.EqualTo("online"));
        Assert.That(hub.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(Expect.List("alice")));
    }

    [Test]
    public void OnText_FirstCreate_IsNumeric()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "create" });

        Assert.That(JsonShape.Type(client.Single()), Is.EqualTo("room_created"));
    }

    [Test]
    public void OnText_FirstJoinWithRoomId_IsNumeric()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "join", roomId = "1234" });

        Assert.That(client.SingleErrorCode(), Is.EqualTo("room-not-found"));
        Assert.That(JsonShape.Str(client.Single(), "message"), Is.EqualTo("Room not found"));
    }

    [Test]
    public void OnText_JoinWithRoomUserAndRoomId_IsHomecall()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "join", room = "garden", user = "alice", roomId = "1234" });

        Assert.That(JsonShape.Type(client.Single()), Is.EqualTo("online"));
    }

    [TestCase("offer")]
    [TestCase("answer")]
    [TestCase("candidate")]
    [TestCase("ice-candidate")]
    [TestCase("signal")]
    [TestCase("leave")]
    public void OnText_RelayBeforeAnyJoin_NotJoined(string type)
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type, to = "bob", targetUserId = "bob", sdp = "v=0", candidate = "c", payload = 1 });

        Assert.That(client.SingleErrorCode(), Is.EqualTo("not-joined"));
    }

    [Test]
    public void OnText_JoinWithoutIdentifyingFields_InvalidMessage()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "join", room = "garden" });

        Assert.That(client.SingleErrorCode(), Is.EqualTo("invalid-message"));
    }

    [Test]
    public void OnText_InvalidFirstJoin_DoesNotFixDialect()
    {
        using var hub = new HubHarness();
        var client = hub.Room();
        client.Send(new { type = "join", room = "", user = "alice" });
        client.Clear();

        client.Send(new { type = "create" });

        Assert.That(JsonShape.Type(client.Single()), Is.EqualTo("room_created"));
    }

    [Test]
    public void OnText_RefusedButValidNumericJoin_FixesNumeric()
    {
        using var hub = new HubHarness();
        var client = hub.Room();
        client.Send(new { type = "join", roomId = "1234" });
        client.Clear();

        client.Send(new { type = "join", room = "garden", user = "alice" });

        Assert.That(client.SingleErrorCode(), Is.EqualTo("invalid-message"));
        Assert.That(hub.RoomCount(Dialect.Homecall), Is.Zero);
    }
}
