using System.Net;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// The join-failure guard for 4-digit rooms (docs/protocol.md §7.3), on a fake clock: after
/// JOIN_FAILURES_PER_MIN failed joins within a minute an IP gets `too-many-attempts`
/// for every join (even of a real room) until a minute after its last failure; hammering
/// while blocked does not extend it; reconnecting does not reset it; other IPs and
/// `create` are unaffected.
/// </summary>
public sealed class AbuseGuessingTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Neighbour = IPAddress.Parse("203.0.113.8");

    [Test]
    public void Guessing_PastFailureLimit_EveryJoinTooManyAttemptsEvenForRealRoom()
    {
        using var harness = new HubHarness();
        var room = CreateRoom(harness);
        var guesser = harness.Room(ip: Guesser);

        var answers = Enumerable.Range(0, harness.Options.JoinFailuresPerMinute).Select(i => Code(guesser, Guess(i, room))).ToArray();

        Assert.That(answers, Is.All.EqualTo("room-not-found"));
        Assert.That(Code(guesser, room), Is.EqualTo("too-many-attempts"));
    }

    [Test]
    public void Guessing_FailuresSpreadOverReconnects_StillCountedPerIp()
    {
        using var harness = new HubHarness();
        var room = CreateRoom(harness);
        for (var i = 0; i < harness.Options.JoinFailuresPerMinute; i++)
        {
            Assert.That(Code(harness.Room(ip: Guesser), Guess(i, room)), Is.EqualTo("room-not-found"));
        }

        Assert.That(Code(harness.Room(ip: Guesser), room), Is.EqualTo("too-many-attempts"));
    }

    [Test]
    public void Guessing_HammeringWhileBlocked_UnblockedAMinuteAfterLastFailure()
    {
        using var harness = new HubHarness();
        var room = CreateRoom(harness);
        var guesser = harness.Room(ip: Guesser);
        for (var i = 0; i < harness.Options.JoinFailuresPerMinute; i++)
        {
            Code(guesser, Guess(i, room));
        }

        for (var s = 0; s < 59; s++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.That(Code(guesser, Guess(s, room)), Is.EqualTo("too-many-attempts"));
        }

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(Code(guesser, room), Is.EqualTo("room_joined"));
    }

    [Test]
    public void Guessing_BlockedIp_NeighbourAndCreateUnaffected()
    {
        using var harness = new HubHarness();
        var room = CreateRoom(harness);
        var guesser = harness.Room(ip: Guesser);
        for (var i = 0; i <= harness.Options.JoinFailuresPerMinute; i++)
        {
            Code(guesser, Guess(i, room));
        }

        Assert.That(Code(harness.Room(ip: Neighbour), room), Is.EqualTo("room_joined"));
        Assert.That(guesser.Exchange("""{"type":"create"}""").Single().GetProperty("type").GetString(), Is.EqualTo("room_created"));
    }

    [Test]
    public void Guessing_AllIdsFromManyIpsEachUnderTheLimit_RoomFoundNoneBlocked()
    {
        using var harness = new HubHarness();
        CreateRoom(harness);
        var found = 0;
        var blocked = 0;
        for (var id = 1000; id <= 9999; id++)
        {
            // An attacker with 450 addresses, each staying just under the limit, each in a /24 of its own
            // (the /24 aggregate, JOIN_FAILURES_PER_MIN_IPV4_24, blocks addresses of one network together).
            var ip = new IPAddress([198, (byte)(18 + (id / 20 / 256)), (byte)(id / 20 % 256), 1]);
            var code = Code(harness.Room(ip: ip), $$"""{"type":"join","roomId":"{{id}}"}""");
            found += code == "room_joined" ? 1 : 0;
            blocked += code == "too-many-attempts" ? 1 : 0;
        }

        Assert.That((found, blocked), Is.EqualTo((1, 0)), "the guard is per IP: a botnet finds the one room (documented in docs/security.md)");
    }

    private static string CreateRoom(HubHarness harness)
    {
        var created = harness.Room().Exchange("""{"type":"create"}""").Single();
        return $$"""{"type":"join","roomId":"{{created.GetProperty("roomId").GetString()}}"}""";
    }

    /// <summary>A join of an id that is not the real room's.</summary>
    private static string Guess(int i, string realJoin)
    {
        var id = 1000 + i;
        var guess = $$"""{"type":"join","roomId":"{{id}}"}""";
        return guess == realJoin ? """{"type":"join","roomId":"0999"}""" : guess;
    }

    private static string Code(HubClient peer, string json)
    {
        var reply = peer.Exchange(json)[^1];
        return reply.TryGetProperty("code", out var code) ? code.GetString()! : reply.GetProperty("type").GetString()!;
    }
}
