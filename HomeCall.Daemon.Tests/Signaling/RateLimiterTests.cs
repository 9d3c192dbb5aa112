using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>Token bucket (docs/protocol.md §3.6): RATE_LIMIT_PER_SEC, RATE_LIMIT_BURST, and the 10 s excess tolerance.</summary>
public sealed class RateLimiterTests
{
    private static RateDecision[] TakeMany(ref RateLimiter limiter, int n)
    {
        var decisions = new RateDecision[n];
        for (var i = 0; i < n; i++)
        {
            decisions[i] = limiter.Take();
        }

        return decisions;
    }

    [Test]
    public void Take_WithinBurst_Allowed()
    {
        var limiter = new RateLimiter(10, 5, new FakeTimeProvider());

        Assert.That(TakeMany(ref limiter, 5), Is.All.EqualTo(RateDecision.Allowed));
        Assert.That(limiter.Take(), Is.EqualTo(RateDecision.Limited));
    }

    [Test]
    public void Take_AfterRefill_AllowedAtTheRate()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter(10, 5, time);
        TakeMany(ref limiter, 5);

        time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.That(TakeMany(ref limiter, 4), Is.EqualTo(new[] { RateDecision.Allowed, RateDecision.Allowed, RateDecision.Allowed, RateDecision.Limited }));
    }

    [Test]
    public void Take_RefillNeverExceedsBurst()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter(10, 5, time);

        time.Advance(TimeSpan.FromHours(1));

        Assert.That(TakeMany(ref limiter, 6)[^1], Is.EqualTo(RateDecision.Limited));
    }

    [Test]
    public void Take_ContinuousExcess_DisconnectOnlyAfter10Seconds()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter(10, 5, time);
        TakeMany(ref limiter, 6); // The first drop starts the excess.
        for (var i = 0; i < 99; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.That(TakeMany(ref limiter, 3), Does.Not.Contain(RateDecision.Disconnect), "at " + ((i + 1) * 100) + " ms");
        }

        time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.That(TakeMany(ref limiter, 3)[^1], Is.EqualTo(RateDecision.Disconnect));
    }

    [Test]
    public void Take_OneTokenEarnedMidExcess_ExcessContinues()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter(10, 5, time);
        TakeMany(ref limiter, 6);

        for (var i = 0; i < 100; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100)); // One token each time: used at once, then one dropped.
            Assert.That(limiter.Take(), Is.EqualTo(RateDecision.Allowed));
            limiter.Take();
        }

        Assert.That(limiter.Take(), Is.EqualTo(RateDecision.Disconnect));
    }

    [Test]
    public void Take_BackUnderTheLimitForASecond_ExcessForgotten()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter(10, 5, time);
        TakeMany(ref limiter, 6);
        time.Advance(TimeSpan.FromSeconds(9));
        TakeMany(ref limiter, 200);

        time.Advance(TimeSpan.FromSeconds(1));
        TakeMany(ref limiter, 200);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(TakeMany(ref limiter, 200), Does.Not.Contain(RateDecision.Disconnect));
    }
}
