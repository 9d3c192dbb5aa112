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
    [Test]
    public void IsBlocked_FailuresSpreadOverOneIpv4Slash24_WholeNetworkBlockedOthersNot()
    {
        var limiter = new JoinFailureLimiter(3, 4, 1000);
        for (var host = 1; host <= 4; host++)
        {
            limiter.RecordFailure(IPAddress.Parse($"198.51.100.{host}"), T0);
        }

        Assert.That(limiter.IsBlocked(IPAddress.Parse("198.51.100.200"), T0), Is.True, "a fresh address of the same /24");
        Assert.That(limiter.IsBlocked(IPAddress.Parse("198.51.101.1"), T0), Is.False, "the next /24");
        Assert.That(limiter.IsBlocked(IPAddress.Parse("198.51.100.200"), T0 + JoinFailureLimiter.Window), Is.False, "a minute after the last failure");
    }

    [Test]
    public void IsBlocked_FailuresFromRotatingAddressesOfOneIpv6Slash64_WholeNetworkBlocked()
    {
        var limiter = new JoinFailureLimiter(3, 1000, 4);
        for (var host = 1; host <= 4; host++)
        {
            limiter.RecordFailure(IPAddress.Parse($"2001:db8:1:2:{host}::1"), T0);
        }

        Assert.That(limiter.IsBlocked(IPAddress.Parse("2001:db8:1:2:ffff::9"), T0), Is.True);
        Assert.That(limiter.IsBlocked(IPAddress.Parse("2001:db8:1:3::1"), T0), Is.False);
    }

    [TestCase("198.51.100.77", "198.51.100.0")]
    [TestCase("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::")]
    public void NetworkOf_Address_Slash24OrSlash64(string address, string network) =>
        Assert.That(JoinFailureLimiter.NetworkOf(IPAddress.Parse(address)), Is.EqualTo(IPAddress.Parse(network)));

    [Test]
    public void Sweep_AMinuteAfterLastFailure_NetworksForgotten()
    {
        var limiter = new JoinFailureLimiter(3, 4, 4);
        limiter.RecordFailure(Ip, T0);
        limiter.RecordFailure(IPAddress.Parse("2001:db8::1"), T0);

        Assert.That(limiter.TrackedNetworks, Is.EqualTo(2));
        limiter.Sweep(T0 + JoinFailureLimiter.Window);

        Assert.That(limiter.TrackedNetworks, Is.Zero);
    }

    [Test]
    public void IsBlocked_NetworkLimitLoweredLater_AppliesAtOnce()
    {
        var limiter = new JoinFailureLimiter(1000, 1000, 1000);
        limiter.RecordFailure(IPAddress.Parse("198.51.100.1"), T0);
        limiter.RecordFailure(IPAddress.Parse("198.51.100.2"), T0);

        limiter.MaxFailuresPerIpv4Net = 2;

        Assert.That(limiter.IsBlocked(IPAddress.Parse("198.51.100.3"), T0), Is.True);
        Assert.That(limiter.MaxFailuresPerWindow, Is.EqualTo(1000));
    }
}
