using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Sessions;

/// <summary>docs/protocol.md §8.1: SESSIONS_PER_IP_PER_MIN bounds the /signal sessions one IP creates (a join flood once left 100,000 behind).</summary>
public sealed class SessionHandlerCreationLimitTests
{
    private const int Limit = 3;
    private static readonly IPAddress Flooder = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress Other = IPAddress.Parse("192.0.2.20");

    private static string Id(int n) => $"00000000-0000-4000-8000-{n:D12}";

    [Test]
    public void Join_PastTheLimitFromOneIp_TooManySessionsAndNothingCreated()
    {
        using var hub = new HubHarness(new DaemonOptions { SessionsPerIpPerMinute = Limit });
        var client = hub.Signal(Flooder);
        for (var i = 0; i < Limit; i++)
        {
            client.Send(new { type = "join", room = Id(i), user = "u" });
        }

        client.Send(new { type = "join", room = Id(Limit), user = "u" });

        Assert.That(client.Last.GetProperty("code").GetString(), Is.EqualTo("too-many-sessions"));
        Assert.That(client.Last.GetProperty("room").GetString(), Is.EqualTo(Id(Limit)));
        Assert.That(hub.RoomCount(Dialect.Session), Is.EqualTo(Limit));
        Assert.That(hub.MembersOf(Dialect.Session, Id(Limit - 1)), Is.EqualTo(Expect.List("u")), "a refused creation detaches nothing");
    }

    [Test]
    public void Join_ExistingSessionsAndOtherIps_NotCounted()
    {
        using var hub = new HubHarness(new DaemonOptions { SessionsPerIpPerMinute = Limit });
        var flooder = hub.Signal(Flooder);
        for (var i = 0; i < Limit; i++)
        {
            flooder.Send(new { type = "join", room = Id(i), user = "u" });
        }

        var sameIp = hub.Signal(Flooder);
        sameIp.Send(new { type = "join", room = Id(0), user = "peer" }); // Joins an existing session.
        var otherIp = hub.Signal(Other);
        otherIp.Send(new { type = "join", room = Id(100), user = "v" });

        Assert.That(sameIp.Sent, Is.Empty);
        Assert.That(otherIp.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Session, Id(0)), Is.EqualTo(Expect.List("u", "peer")));
        Assert.That(hub.RoomCount(Dialect.Session), Is.EqualTo(Limit + 1));
    }

    [Test]
    public void Join_AMinuteAfterTheOldestCreation_AllowedAgain()
    {
        using var hub = new HubHarness(new DaemonOptions { SessionsPerIpPerMinute = Limit });
        var client = hub.Signal(Flooder);
        for (var i = 0; i < Limit; i++)
        {
            client.Send(new { type = "join", room = Id(i), user = "u" });
        }

        hub.Advance(SessionCreationLimiter.Window - TimeSpan.FromSeconds(1));
        client.Send(new { type = "join", room = Id(Limit), user = "u" });
        Assert.That(client.Last.GetProperty("code").GetString(), Is.EqualTo("too-many-sessions"));
        client.Clear();

        hub.Advance(TimeSpan.FromSeconds(1));
        client.Send(new { type = "join", room = Id(Limit), user = "u" });

        Assert.That(client.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Session, Id(Limit)), Is.EqualTo(Expect.List("u")));
    }
}
