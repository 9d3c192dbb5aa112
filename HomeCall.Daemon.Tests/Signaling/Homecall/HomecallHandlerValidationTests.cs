using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Homecall;

/// <summary>docs/protocol.md §3.2/§5.1: wrong field types and lengths out of range are invalid-message and change nothing.</summary>
public sealed class HomecallHandlerValidationTests
{
    private static readonly string Room128 = new('r', 128);
    private static readonly string User64 = new('u', 64);

    [TestCase("{\"type\":\"join\",\"room\":\"\",\"user\":\"alice\"}", TestName = "Join_EmptyRoom_InvalidMessage")]
    [TestCase("{\"type\":\"join\",\"room\":\"garden\",\"user\":\"\"}", TestName = "Join_EmptyUser_InvalidMessage")]
    [TestCase("{\"type\":\"join\",\"room\":7,\"user\":\"alice\"}", TestName = "Join_NumberRoom_InvalidMessage")]
    [TestCase("{\"type\":\"join\",\"room\":\"garden\",\"user\":null}", TestName = "Join_NullUser_InvalidMessage")]
    [TestCase("{\"type\":\"join\",\"room\":[\"garden\"],\"user\":\"alice\"}", TestName = "Join_ArrayRoom_InvalidMessage")]
    [TestCase("{\"type\":\"join\",\"room\":\"garden\",\"user\":{\"id\":\"alice\"}}", TestName = "Join_ObjectUser_InvalidMessage")]
    public void Join_Invalid_InvalidMessageAndNotRegistered(string json)
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.SendText(json);

        Assert.That(client.SingleErrorCode(), Is.EqualTo("invalid-message"));
        Assert.That(hub.RoomCount(Dialect.Homecall), Is.Zero);
    }

    [Test]
    public void Join_RoomOf129Chars_InvalidMessage()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "join", room = Room128 + "r", user = "alice" });

        Assert.That(client.SingleErrorCode(), Is.EqualTo("invalid-message"));
    }

    [Test]
    public void Join_UserOf65Chars_InvalidMessage()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "join", room = "garden", user = User64 + "u" });

        Assert.That(client.SingleErrorCode(), Is.EqualTo("invalid-message"));
    }

    [Test]
    public void Join_MaximumLengths_Joined()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "join", room = Room128, user = User64 });

        Assert.That(JsonShape.Type(client.Single()), Is.EqualTo("online"));
        Assert.That(hub.MembersOf(Dialect.Homecall, Room128), Is.EqualTo(Expect.List(User64)));
    }

    [Test]
    public void Join_LengthCountsUtf16Units_CyrillicAt64Joined()
    {
        using var hub = new HubHarness();
        var client = hub.Room();
        var user = new string('я', 64);

        client.Send(new { type = "join", room = "сад", user });

        Assert.That(hub.MembersOf(Dialect.Homecall, "сад"), Is.EqualTo(Expect.List(user)));
    }

    [TestCase("{\"type\":\"offer\",\"sdp\":\"v=0\"}", TestName = "Relay_MissingTo_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"to\":5,\"sdp\":\"v=0\"}", TestName = "Relay_NumberTo_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"to\":null,\"sdp\":\"v=0\"}", TestName = "Relay_NullTo_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"to\":\"bob\"}", TestName = "Relay_MissingSdp_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"to\":\"bob\",\"sdp\":null}", TestName = "Relay_NullSdp_InvalidMessage")]
    [TestCase("{\"type\":\"answer\",\"to\":\"bob\",\"sdp\":42}", TestName = "Relay_NumberSdp_InvalidMessage")]
    [TestCase("{\"type\":\"answer\",\"to\":\"bob\",\"sdp\":[\"v=0\"]}", TestName = "Relay_ArraySdp_InvalidMessage")]
    [TestCase("{\"type\":\"candidate\",\"to\":\"bob\"}", TestName = "Relay_MissingCandidate_InvalidMessage")]
    [TestCase("{\"type\":\"candidate\",\"to\":\"bob\",\"candidate\":1}", TestName = "Relay_NumberCandidate_InvalidMessage")]
    [TestCase("{\"type\":\"candidate\",\"to\":\"bob\",\"candidate\":true}", TestName = "Relay_BooleanCandidate_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"to\":\"bob\",\"sdp\":\"v=0\",\"from\":7}", TestName = "Relay_NumberFrom_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"to\":\"bob\",\"sdp\":\"v=0\",\"from\":null}", TestName = "Relay_NullFrom_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"to\":\"bob\",\"to\":\"bob\",\"sdp\":\"v=0\"}", TestName = "Relay_DuplicatedTo_InvalidMessage")]
    [TestCase("{\"type\":\"leave\",\"room\":1}", TestName = "Leave_NumberRoom_InvalidMessage")]
    [TestCase("{\"type\":\"leave\",\"user\":false}", TestName = "Leave_BooleanUser_InvalidMessage")]
    [TestCase("{\"type\":\"ice-candidate\",\"targetUserId\":\"bob\",\"candidate\":{}}", TestName = "Relay_MeshType_InvalidMessage")]
    public void Message_InvalidFromMember_InvalidMessageAndNothingRelayed(string json)
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        alice.Clear();
        bob.Clear();

        alice.SendText(json);

        Assert.That(alice.SingleErrorCode(), Is.EqualTo("invalid-message"));
        Assert.That(bob.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(Expect.List("alice", "bob")));
    }
}
