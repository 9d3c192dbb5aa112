using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Sessions;

/// <summary>The /signal lifecycle (docs/protocol.md §8.1, §8.2): leave ends a session for ENDED_SESSION_TTL_MS, unattended sessions are forgotten, moves detach.</summary>
public sealed class SessionHandlerLifecycleTests
{
    private const string Id = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
    private const string OtherId = "3e2b8a51-0c1d-4f7e-9a6b-2d4c8e1f0a99";
    private const string Ended = "{\"type\":\"error\",\"room\":\"" + Id + "\",\"code\":\"session-ended\",\"message\":\"Сессия завершена\"}";
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RoomTimeout = TimeSpan.FromMilliseconds(300000);
    private static readonly TimeSpan EndedTtl = TimeSpan.FromMilliseconds(3600000);

    private static HubClient Ender(HubHarness hub)
    {
        var caller = hub.Session(Id, "caller");
        caller.Send(new { type = "leave", room = Id, user = "caller" });
        return caller;
    }

    [Test]
    public void Join_EndedSession_SessionEnded()
    {
        using var hub = new HubHarness();
        Ender(hub);
        var callee = hub.Signal();

        callee.Send(new { type = "join", room = Id.ToUpperInvariant(), user = "callee" });

        Assert.That(callee.SingleText(), Is.EqualTo(Ended));
        Assert.That(hub.RoomCount(Dialect.Session), Is.Zero);
    }

    [Test]
    public void Relay_FromOtherParticipantAfterLeave_SessionEnded()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");
        caller.Send(new { type = "leave", room = Id, user = "caller" });
        callee.Clear();

        callee.Send(new { type = "candidate", room = Id, candidate = "c" });

        Assert.That(callee.SingleText(), Is.EqualTo(Ended));
    }

    [Test]
    public void Leave_EndedSession_SessionEnded()
    {
        using var hub = new HubHarness();
        var caller = Ender(hub);

        caller.Send(new { type = "leave", room = Id, user = "caller" });

        Assert.That(caller.SingleText(), Is.EqualTo(Ended));
    }

    [Test]
    public void Join_EndedSessionJustBeforeTtl_StillSessionEnded()
    {
        using var hub = new HubHarness();
        Ender(hub);
        hub.Advance(EndedTtl - Second);
        var late = hub.Signal();

        late.Send(new { type = "join", room = Id, user = "callee" });

        Assert.That(late.SingleErrorCode(), Is.EqualTo("session-ended"));
    }

    [Test]
    public void Join_EndedSessionAfterTtl_ForgottenAndNewSessionStarts()
    {
        using var hub = new HubHarness();
        Ender(hub);
        hub.Advance(EndedTtl);
        var late = hub.Signal();

        late.Send(new { type = "join", room = Id, user = "callee" });

        Assert.That(late.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Session, Id), Is.EqualTo(Expect.List("callee")));
        using (var rooms = hub.Hub.Registry.Lock())
        {
            Assert.That(rooms.EndedCount, Is.Zero);
        }
    }

    [Test]
    public void Sweep_NobodyConnectedForRoomTimeout_SessionForgottenWithQueue()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        caller.Send(new { type = "offer", room = Id, sdp = "v=0" });
        caller.Disconnect();

        hub.Advance(RoomTimeout);

        Assert.That(hub.RoomCount(Dialect.Session), Is.Zero);
        var callee = hub.Signal();
        callee.Send(new { type = "join", room = Id, user = "callee" });
        Assert.That(callee.Sent, Is.Empty, "a forgotten session is not ended: the id starts afresh, without the old queue");
        Assert.That(hub.MembersOf(Dialect.Session, Id), Is.EqualTo(Expect.List("callee")));
    }

    [Test]
    public void Sweep_NobodyConnectedJustUnderRoomTimeout_ReconnectGetsQueue()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        caller.Send(new { type = "offer", room = Id, sdp = "v=0" });
        caller.Disconnect();
        hub.Advance(RoomTimeout - Second);

        var callee = hub.Signal();
        callee.Send(new { type = "join", room = Id, user = "callee" });

        Assert.That(JsonShape.Type(callee.Single()), Is.EqualTo("offer"));
    }

    [Test]
    public void Sweep_OneParticipantStillConnected_SessionKept()
    {
        using var hub = new HubHarness();
        hub.Session(Id, "caller");

        hub.Advance(RoomTimeout * 3);

        Assert.That(hub.MembersOf(Dialect.Session, Id), Is.EqualTo(Expect.List("caller")));
    }

    [Test]
    public void Sweep_TimeoutCountsFromLastDisconnect()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        hub.Advance(RoomTimeout);
        caller.Disconnect();

        hub.Advance(RoomTimeout - Second);

        Assert.That(hub.RoomCount(Dialect.Session), Is.EqualTo(1));
        hub.Advance(Second);
        Assert.That(hub.RoomCount(Dialect.Session), Is.Zero);
    }

    [Test]
    public void Join_AnotherSession_DetachesAndPreviousSurvivesForReconnect()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");

        callee.Send(new { type = "join", room = OtherId, user = "callee" });
        caller.Send(new { type = "offer", room = Id, sdp = "v=0" });
        callee.Send(new { type = "offer", room = Id, sdp = "v=0" });

        Assert.That(callee.SingleErrorCode(), Is.EqualTo("session-not-found"));
        Assert.That(caller.Sent, Is.Empty, "nobody is told about a detach, and the offer is queued");
        Assert.That(hub.MembersOf(Dialect.Session, Id), Is.EqualTo(Expect.List("caller", "callee")));
        callee.Clear();
        callee.Send(new { type = "join", room = Id, user = "callee" });
        Assert.That(JsonShape.Type(callee.Single()), Is.EqualTo("offer"));
    }

    [Test]
    public void Join_RefusedForAnotherSession_KeepsCurrentSession()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");
        hub.Session(OtherId, "a");
        hub.Session(OtherId, "b");

        callee.Send(new { type = "join", room = OtherId, user = "callee" });
        callee.Clear();
        caller.Send(new { type = "offer", room = Id, sdp = "v=0" });

        Assert.That(JsonShape.Type(callee.Single()), Is.EqualTo("offer"));
    }

    [Test]
    public void Disconnect_WithoutLeave_SessionSurvivesAndNobodyNotified()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");

        callee.Disconnect();

        Assert.That(caller.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Session, Id), Is.EqualTo(Expect.List("caller", "callee")));
    }

    [Test]
    public void Join_TombstoneOfAnotherSession_DoesNotAffectThisOne()
    {
        using var hub = new HubHarness(new DaemonOptions());
        Ender(hub);
        var other = hub.Signal();

        other.Send(new { type = "join", room = OtherId, user = "caller" });

        Assert.That(other.Sent, Is.Empty);
    }
}
