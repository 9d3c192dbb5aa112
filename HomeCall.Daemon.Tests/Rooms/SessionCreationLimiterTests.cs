using System.Net;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Tests.Rooms;

public sealed class SessionCreationLimiterTests
{
    private static readonly IPAddress Ip = IPAddress.Parse("127.0.0.2");
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void TryCreate_LimitRaisedByAReload_AllowsMoreWithinTheSameMinute()
    {
        var sessions = new SessionCreationLimiter(1);
        Assert.That(sessions.TryCreate(Ip, T0), Is.True);
        Assert.That(sessions.TryCreate(Ip, T0), Is.False);

        sessions.MaxPerWindow = 2;

        Assert.That(sessions.TryCreate(Ip, T0), Is.True);
    }
}
