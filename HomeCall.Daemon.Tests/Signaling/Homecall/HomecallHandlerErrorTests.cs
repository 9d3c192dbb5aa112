using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Homecall;

/// <summary>docs/protocol.md §3.4/§5.1: the errors a homecall member gets (user-not-found with to, sender-mismatch, not-joined).</summary>
public sealed class HomecallHandlerErrorTests
{
    [Test]
    public void Relay_TargetInAnotherRoom_UserNotFoundWithTo()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("kitchen", "bob");

        alice.Send(new { type = "offer", to = "bob", sdp = "v=0" });

        Assert.That(alice.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"user-not-found\",\"message\":\"User not found\",\"to\":\"bob\"}"));
        Assert.That(bob.Sent, Is.Empty);
    }

    [Test]
    public void Relay_TargetClosing_UserNotFound()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        alice.Clear();
        bob.Connection.Accepting = false;

        alice.Send(new { type = "offer", to = "bob", sdp = "v=0" });

        Assert.That(alice.SingleErrorCode(), Is.EqualTo("user-not-found"));
    }

    [Test]
    public void Relay_FromOtherUser_SenderMismatchAndNotRelayed()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        alice.Clear();
        bob.Clear();

        alice.Send(new { type = "offer", from = "carol", to = "bob", sdp = "v=0" });

        Assert.That(alice.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"sender-mismatch\",\"message\":\"Sender does not match the joined user\"}"));
        Assert.That(bob.Sent, Is.Empty);
    }

    [Test]
    public void Leave_OtherUser_SenderMismatchAndStillMember()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        hub.Homecall("garden", "bob");
        alice.Clear();

        alice.Send(new { type = "leave", room = "garden", user = "bob" });

        Assert.That(alice.SingleErrorCode(), Is.EqualTo("sender-mismatch"));
        Assert.That(hub.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(Expect.List("alice", "bob")));
    }

    [Test]
    public void Relay_AfterLeave_NotJoined()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        hub.Homecall("garden", "bob");
        alice.Send(new { type = "leave", room = "garden", user = "alice" });
        alice.Clear();

        alice.Send(new { type = "offer", to = "bob", sdp = "v=0" });

        Assert.That(alice.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"not-joined\",\"message\":\"Join a room first\"}"));
    }

    [Test]
    public void Leave_OtherRoom_NotJoined()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");

        alice.Send(new { type = "leave", room = "kitchen", user = "alice" });

        Assert.That(alice.SingleErrorCode(), Is.EqualTo("not-joined"));
        Assert.That(hub.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(Expect.List("alice")));
    }

    [Test]
    public void Leave_Twice_NotJoined()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        alice.Send(new { type = "leave", room = "garden", user = "alice" });

        alice.Send(new { type = "leave", room = "garden", user = "alice" });

        Assert.That(alice.SingleErrorCode(), Is.EqualTo("not-joined"));
    }
}
