using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Homecall;

/// <summary>docs/protocol.md §3.5/§5.1: one room at a time, duplicate users, room size, disconnects.</summary>
public sealed class HomecallHandlerMembershipTests
{
    private const string AliceBob = "{\"type\":\"online\",\"room\":\"garden\",\"users\":[\"alice\",\"bob\"]}";

    private static string[] Users(HubClient client, int index) =>
        client.Messages[index].GetProperty("users").EnumerateArray().Select(u => u.GetString()!).ToArray();

    [Test]
    public void Join_AnotherRoom_LeavesPreviousWithOnline()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        var carol = hub.Homecall("kitchen", "carol");
        alice.Clear();
        bob.Clear();

        bob.Send(new { type = "join", room = "kitchen", user = "bob" });

        Assert.That(alice.SingleText(), Is.EqualTo("{\"type\":\"online\",\"room\":\"garden\",\"users\":[\"alice\"]}"));
        Assert.That(bob.SingleText(), Is.EqualTo("{\"type\":\"online\",\"room\":\"kitchen\",\"users\":[\"carol\",\"bob\"]}"));
        Assert.That(Users(carol, 0), Is.EqualTo(Expect.List("carol", "bob")));
        Assert.That(hub.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(Expect.List("alice")));
    }

    [Test]
    public void Join_SameRoomSameUserAgain_OnlineAgainWithoutDuplicate()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        alice.Clear();
        bob.Clear();

        bob.Send(new { type = "join", room = "garden", user = "bob" });

        Assert.That(bob.SingleText(), Is.EqualTo(AliceBob));
        Assert.That(alice.SingleText(), Is.EqualTo(AliceBob));
    }

    [Test]
    public void Join_DuplicateUser_OlderReplacedAndClosed4001()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var oldBob = hub.Homecall("garden", "bob");
        alice.Clear();
        oldBob.Clear();
        var newBob = hub.Room();

        newBob.Send(new { type = "join", room = "garden", user = "bob" });

        Assert.That(oldBob.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"replaced\",\"message\":\"Connected from another place\"}"));
        Assert.That(oldBob.ClosedWith, Is.EqualTo(4001));
        Assert.That(alice.Sent, Is.EqualTo(Expect.List("{\"type\":\"online\",\"room\":\"garden\",\"users\":[\"alice\"]}", AliceBob)));
        Assert.That(newBob.SingleText(), Is.EqualTo(AliceBob));
    }

    [Test]
    public void Relay_AfterReplacement_GoesToNewerConnection()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var oldBob = hub.Homecall("garden", "bob");
        var newBob = hub.Homecall("garden", "bob");
        oldBob.Clear();

        alice.Send(new { type = "offer", to = "bob", sdp = "v=0" });
        oldBob.Disconnect();

        Assert.That(oldBob.Sent, Is.Empty);
        Assert.That(JsonShape.Type(newBob.Last), Is.EqualTo("offer"));
        Assert.That(hub.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(Expect.List("alice", "bob")));
    }

    [Test]
    public void Join_FullRoom_RoomFullAndNotRegistered()
    {
        using var hub = new HubHarness(new DaemonOptions { MaxRoomUsers = 2 });
        var alice = hub.Homecall("garden", "alice");
        hub.Homecall("garden", "bob");
        alice.Clear();
        var carol = hub.Room();

        carol.Send(new { type = "join", room = "garden", user = "carol" });

        Assert.That(carol.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"room-full\",\"message\":\"Room is full\"}"));
        Assert.That(carol.ClosedWith, Is.Null);
        Assert.That(alice.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(Expect.List("alice", "bob")));
    }

    [Test]
    public void Join_FullRoomFromAnotherRoom_KeepsPreviousRoom()
    {
        using var hub = new HubHarness(new DaemonOptions { MaxRoomUsers = 1 });
        hub.Homecall("garden", "alice");
        var bob = hub.Homecall("kitchen", "bob");

        bob.Send(new { type = "join", room = "garden", user = "bob" });

        Assert.That(bob.SingleErrorCode(), Is.EqualTo("room-full"));
        Assert.That(hub.MembersOf(Dialect.Homecall, "kitchen"), Is.EqualTo(Expect.List("bob")));
    }

    [Test]
    public void Join_DuplicateUserInFullRoom_Replaces()
    {
        using var hub = new HubHarness(new DaemonOptions { MaxRoomUsers = 2 });
        hub.Homecall("garden", "alice");
        var oldBob = hub.Homecall("garden", "bob");

        var newBob = hub.Homecall("garden", "bob");

        Assert.That(oldBob.ClosedWith, Is.EqualTo(4001));
        Assert.That(newBob.ClosedWith, Is.Null);
        Assert.That(hub.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(Expect.List("alice", "bob")));
    }

    [Test]
    public void Join_NewUserIdInOwnFullRoom_Renamed()
    {
        using var hub = new HubHarness(new DaemonOptions { MaxRoomUsers = 2 });
        hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");

        bob.Send(new { type = "join", room = "garden", user = "robert" });

        Assert.That(Users(bob, bob.Messages.Count - 1), Is.EqualTo(Expect.List("alice", "robert")));
        Assert.That(hub.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(Expect.List("alice", "robert")));
    }

    [Test]
    public void Disconnect_Member_OthersGetOnline()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        alice.Clear();

        bob.Disconnect();

        Assert.That(alice.SingleText(), Is.EqualTo("{\"type\":\"online\",\"room\":\"garden\",\"users\":[\"alice\"]}"));
    }

    [Test]
    public void Disconnect_LastMember_RoomForgotten()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");

        alice.Disconnect();

        Assert.That(hub.RoomCount(Dialect.Homecall), Is.Zero);
    }

    [Test]
    public void Disconnect_AfterLeave_NothingMoreSent()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        bob.Send(new { type = "leave" });
        alice.Clear();

        bob.Disconnect();

        Assert.That(alice.Sent, Is.Empty);
    }
}
