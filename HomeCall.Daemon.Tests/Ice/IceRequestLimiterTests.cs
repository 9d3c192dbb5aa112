using System.Net;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Ice;

public sealed class IceRequestLimiterTests
{
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.3");

    [Test]
    public void TryTake_PastTheLimitWithinAMinute_RefusedWithSecondsToWaitOthersUnaffected()
    {
        var time = new FakeTimeProvider();
        var limiter = new IceRequestLimiter(time);
        for (var i = 0; i < IceRequestLimiter.MaxPerMinute; i++)
        {
            Assert.That(limiter.TryTake(Client, out _), Is.True, $"request {i + 1}");
        }

        time.Advance(TimeSpan.FromSeconds(20));

        Assert.That(limiter.TryTake(Client, out var retryAfter), Is.False);
        Assert.That(retryAfter, Is.EqualTo(40));
        Assert.That(limiter.TryTake(Other, out _), Is.True);
    }

    [Test]
    public void TryTake_AfterTheWindow_AllowedAgain()
    {
        var time = new FakeTimeProvider();
        var limiter = new IceRequestLimiter(time);
        for (var i = 0; i < IceRequestLimiter.MaxPerMinute; i++)
        {
            limiter.TryTake(Client, out _);
        }

        time.Advance(IceRequestLimiter.Window);

        Assert.That(limiter.TryTake(Client, out _), Is.True);
    }
}
