using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
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
        hub.Advance(hub.Options.RoomTimeout - SignalingHub.MaxSweepInterval);
        Assert.That(creator.ClosedWith, Is.Null);

        hub.Advance(SignalingHub.MaxSweepInterval);

        Assert.That(creator.ClosedWith, Is.EqualTo(4000));
    }

    [Test]
    public void Sweep_OneSecondRoomTimeout_RoomExpiresWithinAQuarterOfItLate()
    {
        using var hub = new HubHarness(new DaemonOptions { RoomTimeout = TimeSpan.FromSeconds(1) });
        hub.Advance(TimeSpan.FromMilliseconds(100)); // Created between two once-a-second checks.
        var creator = hub.NumericCreator(out _);
        hub.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(creator.ClosedWith, Is.Null, "not before its timeout");

        // Checked once a second, this room lived until the check 1.9 s after its creation: nearly
        // twice the rooms a busy daemon holds.
        hub.Advance(TimeSpan.FromMilliseconds(251));

        Assert.That(creator.ClosedWith, Is.EqualTo(4000));
    }

    [TestCase(1_000, 250)]
    [TestCase(3_000, 750)]
    [TestCase(4_000, 1_000)]
    [TestCase(300_000, 1_000)]
    public void SweepIntervalFor_RoomTimeout_AQuarterOfItAtMostASecond(int timeoutMs, int intervalMs)
    {
        Assert.That(SignalingHub.SweepIntervalFor(TimeSpan.FromMilliseconds(timeoutMs)), Is.EqualTo(TimeSpan.FromMilliseconds(intervalMs)));
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
