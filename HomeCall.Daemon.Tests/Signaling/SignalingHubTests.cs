using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>The hub: which dialect a new connection gets (docs/protocol.md §1.1, §4) and the expiry sweep on the injected clock.</summary>
public sealed class SignalingHubTests
{
    private const string Id = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

    [Test]
    public void Open_SignalWithRoomIdQuery_SessionNotMesh()
    {
        using var hub = new HubHarness();
        var connection = new FakeConnection(1, EndpointKind.Signal, "roomId=hall&userId=u1&userName=Ann");
        var client = new HubClient(connection, hub.Hub.Open(connection));

        client.Send(new { type = "join", room = Id, user = "caller" });

        Assert.That(client.Sent, Is.Empty);
        Assert.That(hub.RoomCount(Dialect.Mesh), Is.Zero);
        Assert.That(hub.MembersOf(Dialect.Session, Id), Is.EqualTo(Expect.List("caller")));
    }

    [Test]
    public void Open_RoomEndpointWithoutRoomId_NothingSentUntilFirstMessage()
    {
        using var hub = new HubHarness();

        var client = hub.Room("userId=u1&userName=Ann");

        Assert.That(client.Sent, Is.Empty);
        Assert.That(client.ClosedWith, Is.Null);
    }

    [Test]
    public void Sweep_DrivenByInjectedClock_RunsEverySweepInterval()
    {
        using var hub = new HubHarness();
        var creator = hub.NumericCreator(out _);
        hub.Advance(hub.Options.RoomTimeout - SignalingHub.SweepInterval);
        Assert.That(creator.ClosedWith, Is.Null);

        hub.Advance(SignalingHub.SweepInterval);

        Assert.That(creator.ClosedWith, Is.EqualTo(4000));
    }

    [Test]
    public void Dispose_StopsTheSweep()
    {
        var hub = new HubHarness();
        var creator = hub.NumericCreator(out _);

        hub.Dispose();
        hub.Advance(hub.Options.RoomTimeout * 2);

        Assert.That(creator.ClosedWith, Is.Null);
    }

    [Test]
    public void Sweep_CalledDirectly_SameAsTimer()
    {
        using var hub = new HubHarness();
        var creator = hub.NumericCreator(out _);
        hub.Hub.Dispose();
        hub.Time.Advance(hub.Options.RoomTimeout);

        hub.Hub.Sweep();

        Assert.That(creator.ClosedWith, Is.EqualTo(4000));
    }
}
