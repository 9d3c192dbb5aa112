using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Tests.Rooms;

/// <summary>Ended-session tombstones (docs/protocol.md §8.1, §11.3), bounded (docs/security.md "ended-session tombstones").</summary>
public sealed class EndedSessionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Mark_PastCapacity_DropsTheOldestFirst()
    {
        var ended = new EndedSessions(capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            ended.Mark("s" + i, T0 + TimeSpan.FromSeconds(i));
        }

        Assert.That(ended.Count, Is.EqualTo(3));
        Assert.That(new[] { "s0", "s1", "s2", "s3", "s4" }.Select(ended.Contains), Is.EqualTo(new[] { false, false, true, true, true }));
    }

    [Test]
    public void ForgetBefore_Cutoff_DropsOnlyThoseMarkedAtOrBeforeIt()
    {
        var ended = new EndedSessions();
        ended.Mark("a", T0);
        ended.Mark("b", T0 + TimeSpan.FromSeconds(1));
        ended.Mark("c", T0 + TimeSpan.FromSeconds(2));

        ended.ForgetBefore(T0 + TimeSpan.FromSeconds(1));

        Assert.That(ended.Contains("a") || ended.Contains("b"), Is.False);
        Assert.That(ended.Contains("c"), Is.True);
        Assert.That(ended.Count, Is.EqualTo(1));
    }

    [Test]
    public void Mark_SameIdAgain_KeptUntilItsLatestMarkIsOld()
    {
        var ended = new EndedSessions(capacity: 2);
        ended.Mark("a", T0);
        ended.Mark("a", T0 + TimeSpan.FromSeconds(10));

        ended.ForgetBefore(T0 + TimeSpan.FromSeconds(5));
        Assert.That(ended.Contains("a"), Is.True, "the first mark's entry is stale, not the tombstone");

        ended.Mark("b", T0 + TimeSpan.FromSeconds(11));
        ended.Mark("c", T0 + TimeSpan.FromSeconds(12));
        Assert.That(ended.Count, Is.EqualTo(2));
        Assert.That(ended.Contains("a"), Is.False, "then it is the oldest, dropped at the cap");
        Assert.That(ended.Contains("b") && ended.Contains("c"), Is.True);
    }
}
