using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Numeric;

/// <summary>Numeric room lifetime (docs/protocol.md §7.2): expiry after ROOM_TIMEOUT_MS of inactivity, rooms that outlive their members.</summary>
public sealed class NumericHandlerLifecycleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300000);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Test]
    public void Sweep_IdleForRoomTimeout_MembersGetRoomExpiredAndClose4000()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out var roomId);
        var b = hub.NumericJoiner(roomId);

        hub.Advance(Timeout);

        const string expired = "{\"type\":\"error\",\"code\":\"room-expired\",\"message\":\"Room expired\"}";
        Assert.That(a.SingleText(), Is.EqualTo(expired));
        Assert.That(b.SingleText(), Is.EqualTo(expired));
        Assert.That(a.ClosedWith, Is.EqualTo(4000));
        Assert.That(b.ClosedWith, Is.EqualTo(4000));
        Assert.That(hub.RoomCount(Dialect.Numeric), Is.Zero);
        Assert.That(hub.Metrics.RoomExpiries, Is.EqualTo(1));
    }

    [Test]
    public void Sweep_OneSecondBeforeTimeout_RoomAlive()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out var roomId);

        hub.Advance(Timeout - Second);

        Assert.That(a.Sent, Is.Empty);
        Assert.That(a.ClosedWith, Is.Null);
        Assert.That(hub.MembersOf(Dialect.Numeric, roomId), Has.Count.EqualTo(1));
    }

    [Test]
    public void Sweep_AfterExpiry_JoinRoomNotFound()
    {
        using var hub = new HubHarness();
        hub.NumericCreator(out var roomId);
        hub.Advance(Timeout);
        var late = hub.Room();

        late.Send(new { type = "join", roomId });

        Assert.That(late.SingleErrorCode(), Is.EqualTo("room-not-found"));
    }

    [Test]
    public void Signal_IsActivity_PostponesExpiry()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out var roomId);
        hub.Advance(Timeout - Second);

        a.Send(new { type = "signal", payload = "still here" });
        hub.Advance(Timeout - Second);

        Assert.That(a.ClosedWith, Is.Null);
        hub.Advance(Second);
        Assert.That(a.ClosedWith, Is.EqualTo(4000));
    }

    [Test]
    public void Join_IsActivity_PostponesExpiry()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out var roomId);
        hub.Advance(Timeout - Second);

        hub.NumericJoiner(roomId);
        hub.Advance(Timeout - Second);

        Assert.That(a.ClosedWith, Is.Null);
        hub.Advance(Second);
        Assert.That(a.ClosedWith, Is.EqualTo(4000));
    }

    [Test]
    public void Disconnect_IsNotActivity_ExpiryCountsFromLastSignal()
    {
        using var hub = new HubHarness();
        hub.NumericCreator(out var roomId);
        var b = hub.NumericJoiner(roomId);
        hub.Advance(Timeout - Second);

        b.Disconnect();
        hub.Advance(Second);

        Assert.That(hub.RoomCount(Dialect.Numeric), Is.Zero);
    }

    [Test]
    public void Disconnect_AllMembers_RoomStaysJoinableUntilExpiry()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out var roomId);
        a.Disconnect();
        hub.Advance(Timeout - Second);
        var late = hub.Room();

        late.Send(new { type = "join", roomId });

        Assert.That(JsonShape.Type(late.Single()), Is.EqualTo("room_joined"));
    }

    [Test]
    public void Disconnect_AllMembers_EmptyRoomExpiresAndIsForgotten()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out _);
        a.Disconnect();

        hub.Advance(Timeout);

        Assert.That(hub.RoomCount(Dialect.Numeric), Is.Zero);
        Assert.That(a.Sent, Is.Empty);
    }

    [Test]
    public void Create_MemberMovedOn_PreviousRoomJoinableUntilItExpires()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out var first);
        hub.Advance(Second);
        a.Send(new { type = "create" });
        a.Clear();
        hub.Advance(Timeout - Second);

        Assert.That(hub.MembersOf(Dialect.Numeric, first), Is.Null, "the first room expired on its own clock");
        Assert.That(a.Sent, Is.Empty, "the mover is not told about a room it left");
        Assert.That(a.ClosedWith, Is.Null);
        Assert.That(hub.RoomCount(Dialect.Numeric), Is.EqualTo(1));
    }

    [Test]
    public void Sweep_ExpiredRoomMemberDisconnects_NothingElseHappens()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out _);
        hub.Advance(Timeout);
        a.Clear();

        a.Disconnect();

        Assert.That(a.Sent, Is.Empty);
        Assert.That(hub.RoomCount(Dialect.Numeric), Is.Zero);
    }
}
