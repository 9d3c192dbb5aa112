using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>docs/protocol.md §3.4: any of from / fromUserId / senderId naming someone else stops the relay, in every dialect.</summary>
public sealed class SenderFieldsTests
{
    private const string Session = "6a0b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d";

    [TestCase("from")]
    [TestCase("fromUserId")]
    [TestCase("senderId")]
    public void Relay_HomecallForgedSenderField_SenderMismatchAndNothingRelayed(string field)
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("r", "alice");
        var bob = hub.Homecall("r", "bob");
        alice.Clear();

        alice.SendText($$"""{"type":"offer","to":"bob","sdp":"v=0","{{field}}":"mallory"}""");

        Assert.That(alice.SingleErrorCode(), Is.EqualTo("sender-mismatch"));
        Assert.That(bob.Sent, Is.Empty);
    }

    [TestCase("fromUserId")]
    [TestCase("senderId")]
    public void Relay_SessionForgedForeignSenderField_SenderMismatch(string field)
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Session, "caller");

        caller.SendText($$"""{"type":"offer","room":"{{Session}}","sdp":"v=0","{{field}}":"mallory"}""");

        Assert.That(caller.SingleErrorCode(), Is.EqualTo("sender-mismatch"));
    }

    [Test]
    public void Relay_HomecallMatchingForeignSenderField_RelayedUnchanged()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("r", "alice");
        var bob = hub.Homecall("r", "bob");
        bob.Clear();

        alice.SendText("""{"type":"offer","to":"bob","sdp":"v=0","senderId":"alice"}""");

        Assert.That(bob.Single().GetProperty("senderId").GetString(), Is.EqualTo("alice"));
    }

    [Test]
    public void Relay_MeshForgedFrom_SenderMismatch()
    {
        using var hub = new HubHarness();
        var alice = hub.Mesh("m", "alice", "Alice");
        hub.Mesh("m", "bob", "Bob");
        alice.Clear();

        alice.SendText("""{"type":"offer","targetUserId":"bob","sdp":"v=0","from":"mallory"}""");

        Assert.That(alice.SingleErrorCode(), Is.EqualTo("sender-mismatch"));
    }

    [Test]
    public void Signal_NumericNonStringFromUserId_InvalidMessage()
    {
        using var hub = new HubHarness();
        var creator = hub.NumericCreator(out _);
        creator.Clear();

        creator.SendText("""{"type":"signal","payload":{},"fromUserId":7}""");

        Assert.That(creator.SingleErrorCode(), Is.EqualTo("invalid-message"));
    }
}
