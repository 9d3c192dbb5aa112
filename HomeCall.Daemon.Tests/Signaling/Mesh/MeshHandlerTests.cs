using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Mesh;

/// <summary>docs/protocol.md §6.2, every row of the mesh message table.</summary>
public sealed class MeshHandlerTests
{
    private static long Ms(HubHarness hub) => hub.Time.GetUtcNow().ToUnixTimeMilliseconds();

    [Test]
    public void Open_FirstParticipant_ParticipantsWithItself()
    {
        using var hub = new HubHarness();

        var ann = hub.Mesh("hall", "u1", "Ann");

        Assert.That(ann.SingleText(), Is.EqualTo($"{{\"type\":\"participants\",\"roomId\":\"hall\",\"participants\":[{{\"id\":\"u1\",\"name\":\"Ann\",\"joinedAt\":{Ms(hub)}}}]}}"));
    }

    [Test]
    public void Open_SecondParticipant_JoinerGetsEveryoneAndOthersGetParticipantJoined()
    {
        using var hub = new HubHarness();
        var ann = hub.Mesh("hall", "u1", "Ann");
        var annAt = Ms(hub);
        ann.Clear();
        hub.Advance(TimeSpan.FromMilliseconds(1500));

        var bob = hub.Mesh("hall", "u2", "Bob Я");

        var bobAt = Ms(hub);
        Assert.That(bob.SingleText(), Is.EqualTo(
            $"{{\"type\":\"participants\",\"roomId\":\"hall\",\"participants\":[{{\"id\":\"u1\",\"name\":\"Ann\",\"joinedAt\":{annAt}}},{{\"id\":\"u2\",\"name\":\"Bob Я\",\"joinedAt\":{bobAt}}}]}}"));
        Assert.That(ann.SingleText(), Is.EqualTo(
            $"{{\"type\":\"participant-joined\",\"roomId\":\"hall\",\"participant\":{{\"id\":\"u2\",\"name\":\"Bob Я\",\"joinedAt\":{bobAt}}}}}"));
    }

    [Test]
    public void Disconnect_Participant_OthersGetParticipantLeft()
    {
        using var hub = new HubHarness();
        var ann = hub.Mesh("hall", "u1", "Ann");
        var bob = hub.Mesh("hall", "u2", "Bob");
        var cid = hub.Mesh("hall", "u3", "Cid");
        ann.Clear();
        cid.Clear();

        bob.Disconnect();

        const string left = "{\"type\":\"participant-left\",\"roomId\":\"hall\",\"userId\":\"u2\"}";
        Assert.That(ann.SingleText(), Is.EqualTo(left));
        Assert.That(cid.SingleText(), Is.EqualTo(left));
        Assert.That(hub.MembersOf(Dialect.Mesh, "hall"), Is.EqualTo(Expect.List("u1", "u3")));
    }

    [Test]
    public void Disconnect_LastParticipant_RoomForgotten()
    {
        using var hub = new HubHarness();
        var ann = hub.Mesh("hall", "u1", "Ann");

        ann.Disconnect();

        Assert.That(hub.RoomCount(Dialect.Mesh), Is.Zero);
    }

    [TestCase("offer")]
    [TestCase("answer")]
    public void Relay_Sdp_BuiltAfreshWithFromUserIdOnly(string type)
    {
        using var hub = new HubHarness();
        var ann = hub.Mesh("hall", "u1", "Ann");
        var bob = hub.Mesh("hall", "u2", "Bob");
        var cid = hub.Mesh("hall", "u3", "Cid");
        bob.Clear();
        cid.Clear();

        ann.SendText("{\"type\":\"" + type + "\",\"targetUserId\":\"u2\",\"fromUserId\":\"u1\",\"sdp\":{\"type\":\"" + type + "\",\"sdp\":\"v=0\"},\"extra\":1,\"to\":\"u3\"}");

        Assert.That(bob.SingleText(), Is.EqualTo("{\"type\":\"" + type + "\",\"fromUserId\":\"u1\",\"sdp\":{\"type\":\"" + type + "\",\"sdp\":\"v=0\"}}"));
        Assert.That(cid.Sent, Is.Empty);
    }

    [TestCase("{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 9 typ host\",\"sdpMid\":\"0\"}")]
    [TestCase("\"candidate:1 1 udp 1 127.0.0.1 9 typ host\"")]
    [TestCase("null")]
    public void Relay_IceCandidate_BuiltAfreshWithFromUserIdOnly(string candidate)
    {
        using var hub = new HubHarness();
        var ann = hub.Mesh("hall", "u1", "Ann");
        var bob = hub.Mesh("hall", "u2", "Bob");
        ann.Clear();

        bob.SendText("{\"type\":\"ice-candidate\",\"targetUserId\":\"u1\",\"candidate\":" + candidate + ",\"roomId\":\"hall\"}");

        Assert.That(ann.SingleText(), Is.EqualTo("{\"type\":\"ice-candidate\",\"fromUserId\":\"u2\",\"candidate\":" + candidate + "}"));
    }

    [Test]
    public void Relay_AbsentTarget_UserNotFoundNamingTarget()
    {
        using var hub = new HubHarness();
        var ann = hub.Mesh("hall", "u1", "Ann");
        hub.Mesh("yard", "u2", "Bob");
        ann.Clear();

        ann.Send(new { type = "offer", targetUserId = "u2", sdp = "v=0" });

        Assert.That(ann.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"user-not-found\",\"message\":\"User not found\",\"targetUserId\":\"u2\"}"));
    }

    [Test]
    public void Relay_OtherFromUserId_SenderMismatchAndNotRelayed()
    {
        using var hub = new HubHarness();
        var ann = hub.Mesh("hall", "u1", "Ann");
        var bob = hub.Mesh("hall", "u2", "Bob");
        ann.Clear();
        bob.Clear();

        ann.Send(new { type = "offer", targetUserId = "u2", fromUserId = "u9", sdp = "v=0" });

        Assert.That(ann.SingleErrorCode(), Is.EqualTo("sender-mismatch"));
        Assert.That(bob.Sent, Is.Empty);
    }

    [TestCase("{\"type\":\"offer\",\"sdp\":\"v=0\"}", TestName = "Relay_MissingTargetUserId_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"targetUserId\":2,\"sdp\":\"v=0\"}", TestName = "Relay_NumberTargetUserId_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"targetUserId\":\"u2\"}", TestName = "Relay_MeshMissingSdp_InvalidMessage")]
    [TestCase("{\"type\":\"answer\",\"targetUserId\":\"u2\",\"sdp\":7}", TestName = "Relay_MeshNumberSdp_InvalidMessage")]
    [TestCase("{\"type\":\"ice-candidate\",\"targetUserId\":\"u2\"}", TestName = "Relay_MeshMissingCandidate_InvalidMessage")]
    [TestCase("{\"type\":\"ice-candidate\",\"targetUserId\":\"u2\",\"candidate\":[1]}", TestName = "Relay_MeshArrayCandidate_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"targetUserId\":\"u2\",\"sdp\":\"v=0\",\"fromUserId\":1}", TestName = "Relay_NumberFromUserId_InvalidMessage")]
    public void Relay_Invalid_InvalidMessageAndNothingRelayed(string json)
    {
        using var hub = new HubHarness();
        var ann = hub.Mesh("hall", "u1", "Ann");
        var bob = hub.Mesh("hall", "u2", "Bob");
        ann.Clear();
        bob.Clear();

        ann.SendText(json);

        Assert.That(ann.SingleErrorCode(), Is.EqualTo("invalid-message"));
        Assert.That(bob.Sent, Is.Empty);
    }
}
