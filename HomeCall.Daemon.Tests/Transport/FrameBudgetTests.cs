using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class FrameBudgetTests
{
    [Test]
    public void TryTake_BurstAtOnce_AllowedOneMoreRefused()
    {
        var time = new FakeTimeProvider();
        var budget = new FrameBudget();

        Assert.That(budget.TryTake(FrameBudget.Burst, time), Is.True);
        Assert.That(budget.TryTake(1, time), Is.False);
    }

    [Test]
    public void TryTake_AfterOneSecond_RefilledByPerSecond()
    {
        var time = new FakeTimeProvider();
        var budget = new FrameBudget();
        budget.TryTake(FrameBudget.Burst, time);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.That(budget.TryTake(FrameBudget.PerSecond, time), Is.True);
        Assert.That(budget.TryTake(1, time), Is.False);
    }

    [Test]
    public void TryTake_LongIdle_NeverMoreThanBurst()
    {
        var time = new FakeTimeProvider();
        var budget = new FrameBudget();
        budget.TryTake(1, time);

        time.Advance(TimeSpan.FromHours(1));

        Assert.That(budget.TryTake(FrameBudget.Burst, time), Is.True);
        Assert.That(budget.TryTake(1, time), Is.False);
    }
}
