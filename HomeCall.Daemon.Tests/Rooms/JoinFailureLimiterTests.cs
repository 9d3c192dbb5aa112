using System.Net;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Tests.Rooms;

/// <summary>The join-failure guard (docs/protocol.md §7.3): N failures within a minute block an IP until a minute after its last failure.</summary>
public sealed class JoinFailureLimiterTests
{
    private static readonly IPAddress Ip = IPAddress.Parse("127.0.0.2");
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JoinFailureLimiter Failed(int times, TimeSpan every)
    {
        var limiter = new JoinFailureLimiter(3);
        for (var i = 0; i < times; i++)
        {
            limiter.RecordFailure(Ip, T0 + (every * i));
        }

        return limiter;
    }

    [Test]
    public void IsBlocked_BelowLimit_False()
    {
        Assert.That(Failed(2, TimeSpan.Zero).IsBlocked(Ip, T0), Is.False);
    }

    [Test]
    public void IsBlocked_AtLimitWithinAMinute_TrueUntilAMinuteAfterLastFailure()
    {
        var limiter = Failed(3, TimeSpan.FromSeconds(20)); // last failure at T0 + 40 s

        Assert.That(limiter.IsBlocked(Ip, T0 + TimeSpan.FromSeconds(99)), Is.True);
        Assert.That(limiter.IsBlocked(Ip, T0 + TimeSpan.FromSeconds(100)), Is.False);
        Assert.That(limiter.IsBlocked(IPAddress.Parse("127.0.0.3"), T0), Is.False);
    }

    [Test]
    public void IsBlocked_LimitLoweredByAReload_AppliesToFailuresAlreadyCounted()
    {
        var limiter = Failed(2, TimeSpan.Zero);

        limiter.MaxFailuresPerWindow = 2;

        Assert.That(limiter.IsBlocked(Ip, T0), Is.True);
    }

    [Test]
    public void IsBlocked_FailuresSpreadOverMoreThanAMinute_False()
    {
        var limiter = Failed(3, TimeSpan.FromSeconds(30)); // T0, +30 s, +60 s: the first is a minute old

        Assert.That(limiter.IsBlocked(Ip, T0 + TimeSpan.FromSeconds(60)), Is.False);
    }

    [Test]
    public void Sweep_AMinuteAfterLastFailure_AddressForgotten()
    {
        var limiter = Failed(3, TimeSpan.Zero);

        limiter.Sweep(T0 + TimeSpan.FromSeconds(59));
        Assert.That(limiter.TrackedAddresses, Is.EqualTo(1));
        limiter.Sweep(T0 + JoinFailureLimiter.Window);

        Assert.That(limiter.TrackedAddresses, Is.Zero);
    }
}
