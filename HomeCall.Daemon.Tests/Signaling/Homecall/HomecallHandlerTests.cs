using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Homecall;

/// <summary>docs/protocol.md §5.1, every row of the homecall message table.</summary>
public sealed class HomecallHandlerTests
{
    [Test]
    public void Join_FirstMember_OnlineWithRoomAndJoiner()
    {
        using var hub = new HubHarness();
        var alice = hub.Room();

        alice.Send(new { type = "join", room = "garden", user = "alice" });

        Assert.That(alice.SingleText(), Is.EqualTo("{\"type\":\"online\",\"room\":\"garden\",\"users\":[\"alice\"]}"));
    }

    [Test]
    public void Join_SecondMember_EveryMemberGetsOnlineInJoinOrder()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Room();

        bob.Send(new { type = "join", room = "garden", user = "bob" });

        const string online = "{\"type\":\"online\",\"room\":\"garden\",\"users\":[\"alice\",\"bob\"]}";
        Assert.That(alice.SingleText(), Is.EqualTo(online));
        Assert.That(bob.SingleText(), Is.EqualTo(online));
    }

    [Test]
    public void Leave_Member_OthersGetOnlineAndLeaverNothing()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        var carol = hub.Homecall("garden", "carol");
        alice.Clear();
        bob.Clear();

        bob.Send(new { type = "leave", room = "garden", user = "bob" });

        const string online = "{\"type\":\"online\",\"room\":\"garden\",\"users\":[\"alice\",\"carol\"]}";
        Assert.That(alice.SingleText(), Is.EqualTo(online));
        Assert.That(carol.SingleText(), Is.EqualTo(online));
        Assert.That(bob.Sent, Is.Empty);
    }

    [Test]
    public void Leave_LastMember_RoomForgotten()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");

        alice.Send(new { type = "leave", room = "garden", user = "alice" });

        Assert.That(hub.RoomCount(Dialect.Homecall), Is.Zero);
        Assert.That(alice.Sent, Is.Empty);
    }

    [Test]
    public void Leave_WithoutFields_LeavesCurrentRoom()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");

        bob.Send(new { type = "leave" });

        Assert.That(hub.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(Expect.List("alice")));
    }

    [TestCase("offer")]
    [TestCase("answer")]
    public void Relay_SdpString_DeliveredOnlyToTargetWithStampedFromAndExtraFields(string type)
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        var carol = hub.Homecall("garden", "carol");
        alice.Clear();
        bob.Clear();

        alice.SendText("{\"type\":\"" + type + "\",\"to\":\"bob\",\"sdp\":\"v=0\\r\\n\",\"extra\":{\"k\":[1,2]},\"n\":1.50}");

        Assert.That(bob.SingleText(), Is.EqualTo("{\"type\":\"" + type + "\",\"from\":\"alice\",\"to\":\"bob\",\"sdp\":\"v=0\\r\\n\",\"extra\":{\"k\":[1,2]},\"n\":1.50}"));
        Assert.That(alice.Sent, Is.Empty);
        Assert.That(carol.Sent, Is.Empty);
    }

    [Test]
    public void Relay_SdpObjectWithMatchingFrom_RelayedUnchanged()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        bob.Clear();

        alice.SendText("{\"type\":\"answer\",\"from\":\"alice\",\"to\":\"bob\",\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\"}}");

        Assert.That(bob.SingleText(), Is.EqualTo("{\"type\":\"answer\",\"from\":\"alice\",\"to\":\"bob\",\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\"}}"));
    }

    [TestCase("{\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}")]
    [TestCase("\"candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\"")]
    [TestCase("null")]
    public void Relay_Candidate_DeliveredWithStampedFrom(string candidate)
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        alice.Clear();

        bob.SendText("{\"type\":\"candidate\",\"to\":\"alice\",\"candidate\":" + candidate + "}");

        Assert.That(alice.SingleText(), Is.EqualTo("{\"type\":\"candidate\",\"from\":\"bob\",\"to\":\"alice\",\"candidate\":" + candidate + "}"));
    }

    [Test]
    public void Relay_UnknownFieldNamedRoom_PassedThrough()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        bob.Clear();

        alice.SendText("{\"type\":\"offer\",\"room\":\"whatever\",\"to\":\"bob\",\"sdp\":\"v=0\"}");

        Assert.That(bob.SingleText(), Is.EqualTo("{\"type\":\"offer\",\"from\":\"alice\",\"room\":\"whatever\",\"to\":\"bob\",\"sdp\":\"v=0\"}"));
    }

    [Test]
    public void Relay_EscapedPropertyNames_PassedThroughAsSent()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        bob.Clear();

        alice.SendText("{\"type\":\"offer\",\"t\\u006f\":\"bob\",\"sdp\":\"v=0\",\"\\u00e9t\\u00e9\":\"\\u00e9\"}");

        Assert.That(bob.SingleText(), Is.EqualTo("{\"type\":\"offer\",\"from\":\"alice\",\"t\\u006f\":\"bob\",\"sdp\":\"v=0\",\"\\u00e9t\\u00e9\":\"\\u00e9\"}"));
    }
}
