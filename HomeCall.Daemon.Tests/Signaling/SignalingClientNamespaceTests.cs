using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>docs/protocol.md §4: each dialect has its own room namespace, and a fixed dialect refuses the others' messages.</summary>
public sealed class SignalingClientNamespaceTests
{
    private const string Session = "0b0e7e64-8a47-4c3e-9d4c-6c3b9e5f2a10";

    [Test]
    public void OnText_HomecallRoomNamedLikeNumericRoom_SeparateRooms()
    {
        using var hub = new HubHarness();
        var creator = hub.NumericCreator(out var roomId);
        var homecall = hub.Room();

        homecall.Send(new { type = "join", room = roomId, user = "alice" });

        Assert.That(homecall.Single().GetProperty("users").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(Expect.List("alice")));
        Assert.That(hub.MembersOf(Dialect.Numeric, roomId), Has.Count.EqualTo(1));
        Assert.That(creator.Sent, Is.Empty);
    }

    [Test]
    public void OnText_NumericJoinOfHomecallRoomId_RoomNotFound()
    {
        using var hub = new HubHarness();
        hub.Homecall("1234", "alice");
        var numeric = hub.Room();

        numeric.Send(new { type = "join", roomId = "1234" });

        Assert.That(numeric.SingleErrorCode(), Is.EqualTo("room-not-found"));
    }

    [Test]
    public void Open_MeshRoomNamedLikeHomecallRoom_SeparateRooms()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");

        var mesh = hub.Mesh("garden", "alice", "Alice");

        Assert.That(mesh.Single().GetProperty("participants").GetArrayLength(), Is.EqualTo(1));
        Assert.That(alice.Sent, Is.Empty);
        Assert.That(alice.ClosedWith, Is.Null, "same user id in another namespace is not a duplicate");
    }

    [Test]
    public void OnText_HomecallRoomNamedLikeSession_SeparateFromSession()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Session, "caller");
        hub.Homecall(Session, "callee");

        caller.Send(new { type = "offer", room = Session, sdp = "v=0" });

        Assert.That(caller.Sent, Is.Empty, "queued for the session's absent participant, not routed to the homecall room");
        Assert.That(hub.RoomCount(Dialect.Session), Is.EqualTo(1));
        Assert.That(hub.RoomCount(Dialect.Homecall), Is.EqualTo(1));
    }

    [TestCase("{\"type\":\"create\"}")]
    [TestCase("{\"type\":\"join\",\"roomId\":\"1234\"}")]
    [TestCase("{\"type\":\"signal\",\"payload\":1}")]
    [TestCase("{\"type\":\"ice-candidate\",\"targetUserId\":\"bob\",\"candidate\":{}}")]
    public void OnText_NumericOrMeshMessageAfterHomecall_InvalidMessage(string json)
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");

        alice.SendText(json);

        Assert.That(alice.SingleErrorCode(), Is.EqualTo("invalid-message"));
        Assert.That(hub.MembersOf(Dialect.Homecall, "garden"), Is.EqualTo(Expect.List("alice")));
    }

    [TestCase("{\"type\":\"join\",\"room\":\"garden\",\"user\":\"alice\"}")]
    [TestCase("{\"type\":\"offer\",\"to\":\"x\",\"sdp\":\"v=0\"}")]
    [TestCase("{\"type\":\"leave\",\"room\":\"garden\",\"user\":\"alice\"}")]
    [TestCase("{\"type\":\"ice-candidate\",\"targetUserId\":\"x\",\"candidate\":{}}")]
    public void OnText_HomecallOrMeshMessageAfterNumeric_InvalidMessage(string json)
    {
        using var hub = new HubHarness();
        var creator = hub.NumericCreator(out var roomId);

        creator.SendText(json);

        Assert.That(creator.SingleErrorCode(), Is.EqualTo("invalid-message"));
        Assert.That(hub.MembersOf(Dialect.Numeric, roomId), Has.Count.EqualTo(1));
    }

    [TestCase("{\"type\":\"join\",\"room\":\"garden\",\"user\":\"alice\"}")]
    [TestCase("{\"type\":\"create\"}")]
    [TestCase("{\"type\":\"join\",\"roomId\":\"1234\"}")]
    [TestCase("{\"type\":\"signal\",\"payload\":1}")]
    [TestCase("{\"type\":\"candidate\",\"to\":\"u2\",\"candidate\":{}}")]
    [TestCase("{\"type\":\"leave\",\"room\":\"hall\",\"user\":\"u1\"}")]
    public void OnText_OtherDialectMessageOnMesh_InvalidMessage(string json)
    {
        using var hub = new HubHarness();
        var mesh = hub.Mesh("hall", "u1", "Ann");
        mesh.Clear();

        mesh.SendText(json);

        Assert.That(mesh.SingleErrorCode(), Is.EqualTo("invalid-message"));
        Assert.That(hub.MembersOf(Dialect.Mesh, "hall"), Is.EqualTo(Expect.List("u1")));
    }

    [TestCase("{\"type\":\"create\"}")]
    [TestCase("{\"type\":\"signal\",\"payload\":1}")]
    [TestCase("{\"type\":\"ice-candidate\",\"candidate\":{}}")]
    [TestCase("{\"type\":\"join\",\"roomId\":\"1234\"}")]
    [TestCase("{\"type\":\"join\",\"room\":\"garden\",\"user\":\"alice\"}")]
    public void OnText_RoomEndpointMessageOnSignal_InvalidMessage(string json)
    {
        using var hub = new HubHarness();
        var client = hub.Signal();

        client.SendText(json);

        Assert.That(client.SingleErrorCode(), Is.EqualTo("invalid-message"));
        Assert.That(hub.RoomCount(Dialect.Homecall) + hub.RoomCount(Dialect.Numeric), Is.Zero);
    }
}
