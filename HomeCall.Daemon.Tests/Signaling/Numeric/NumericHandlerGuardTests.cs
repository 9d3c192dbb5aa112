using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Signaling.Numeric;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Numeric;

/// <summary>Numeric guards (docs/protocol.md §7.1, §7.3): too-many-attempts per client IP, and no-free-rooms when every id is taken.</summary>
public sealed class NumericHandlerGuardTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Neighbour = IPAddress.Parse("127.0.0.3");

    private static void FailJoins(HubClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            client.Send(new { type = "join", roomId = "0000" });
        }
    }

    [Test]
    public void Join_After20FailuresInAMinute_TooManyAttemptsEvenForExistingRoom()
    {
        using var hub = new HubHarness();
        hub.NumericCreator(out var roomId);
        var guesser = hub.Room("", Guesser);
        FailJoins(guesser, 20);
        guesser.Clear();

        guesser.Send(new { type = "join", roomId });

        Assert.That(guesser.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"too-many-attempts\",\"message\":\"Too many failed attempts, try again later\"}"));
        Assert.That(hub.MembersOf(Dialect.Numeric, roomId), Has.Count.EqualTo(1));
    }

    [Test]
    public void Join_Twentieth_StillRoomNotFound()
    {
        using var hub = new HubHarness();
        var guesser = hub.Room("", Guesser);
        FailJoins(guesser, 19);
        guesser.Clear();

        guesser.Send(new { type = "join", roomId = "0000" });

        Assert.That(guesser.SingleErrorCode(), Is.EqualTo("room-not-found"));
    }

    [Test]
    public void Join_BlockedIp_OtherConnectionsFromSameIpBlockedOtherIpsNot()
    {
        using var hub = new HubHarness();
        hub.NumericCreator(out var roomId);
        FailJoins(hub.Room("", Guesser), 20);
        var sameIp = hub.Room("", Guesser);
        var otherIp = hub.Room("", Neighbour);

        sameIp.Send(new { type = "join", roomId });
        otherIp.Send(new { type = "join", roomId });

        Assert.That(sameIp.SingleErrorCode(), Is.EqualTo("too-many-attempts"));
        Assert.That(JsonShape.Type(otherIp.Single()), Is.EqualTo("room_joined"));
    }

    [Test]
    public void Create_BlockedIp_NotLimited()
    {
        using var hub = new HubHarness();
        var guesser = hub.Room("", Guesser);
        FailJoins(guesser, 20);
        guesser.Clear();

        guesser.Send(new { type = "create" });

        Assert.That(JsonShape.Type(guesser.Single()), Is.EqualTo("room_created"));
    }

    [Test]
    public void Join_AMinuteAfterLastFailure_Released()
    {
        using var hub = new HubHarness();
        hub.NumericCreator(out var roomId);
        var guesser = hub.Room("", Guesser);
        FailJoins(guesser, 20);
        hub.Advance(JoinFailureLimiter.Window - TimeSpan.FromSeconds(1));
        guesser.Clear();
        guesser.Send(new { type = "join", roomId });
        Assert.That(guesser.SingleErrorCode(), Is.EqualTo("too-many-attempts"), "refused joins do not extend the block");
        hub.Advance(TimeSpan.FromSeconds(1));
        guesser.Clear();

        guesser.Send(new { type = "join", roomId });

        Assert.That(JsonShape.Type(guesser.Single()), Is.EqualTo("room_joined"));
    }

    [Test]
    public void Join_FailuresSpreadOverMoreThanAMinute_NotBlocked()
    {
        using var hub = new HubHarness();
        hub.NumericCreator(out var roomId);
        var guesser = hub.Room("", Guesser);
        FailJoins(guesser, 10);
        hub.Advance(TimeSpan.FromSeconds(61));
        FailJoins(guesser, 10);
        guesser.Clear();

        guesser.Send(new { type = "join", roomId });

        Assert.That(JsonShape.Type(guesser.Single()), Is.EqualTo("room_joined"));
    }

    [Test]
    public void Create_All9000IdsTaken_NoFreeRoomsAndStaysInRoom()
    {
        using var hub = new HubHarness(new DaemonOptions { RateLimitBurst = 20000, RateLimitPerSecond = 20000 });
        var client = hub.Room();
        var ids = new HashSet<string>();
        var last = "";
        for (var i = 0; i < NumericRoomIds.Capacity; i++)
        {
            client.Send(new { type = "create" });
            last = JsonShape.Str(client.Single(), "roomId")!;
            ids.Add(last);
            client.Clear(); // Keeps the fake connection's inbox small: it is re-parsed on every read.
        }

        client.Send(new { type = "create" });

        Assert.That(client.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"no-free-rooms\",\"message\":\"No free rooms\"}"));
        Assert.That(ids, Has.Count.EqualTo(9000));
        Assert.That(ids.Min(), Is.EqualTo("1000"));
        Assert.That(ids.Max(), Is.EqualTo("9999"));
        Assert.That(hub.MembersOf(Dialect.Numeric, last), Has.Count.EqualTo(1));
    }

    [Test]
    public void Create_AfterOneOf9000Expires_IdReused()
    {
        var timeout = TimeSpan.FromSeconds(5);
        using var hub = new HubHarness(new DaemonOptions { RateLimitBurst = 20000, RateLimitPerSecond = 20000, RoomTimeout = timeout });
        var first = hub.NumericCreator(out var firstId);
        hub.Advance(TimeSpan.FromSeconds(1));
        var filler = hub.Room();
        for (var i = 1; i < NumericRoomIds.Capacity; i++)
        {
            filler.Send(new { type = "create" });
            filler.Clear(); // Keeps the fake connection's inbox small: it is re-parsed on every read.
        }

        hub.Advance(timeout - TimeSpan.FromSeconds(1));
        var late = hub.Room();
        late.Send(new { type = "create" });

        Assert.That(first.ClosedWith, Is.EqualTo(4000));
        Assert.That(JsonShape.Str(late.Single(), "roomId"), Is.EqualTo(firstId));
    }
}
