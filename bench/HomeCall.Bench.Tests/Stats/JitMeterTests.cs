using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Tests.Stats;

public sealed class JitMeterTests
{
    [Test]
    public void Record_ThreadsComeAndGo_EachCountedFromItsFirstSightingToItsLast()
    {
        using var meter = new JitMeter(pid: null);

        meter.Record(new Dictionary<int, long> { [1] = 100 });          // at the window's start: counts from 100
        meter.Record(new Dictionary<int, long> { [1] = 150, [2] = 30 }); // 2 was born in the window: counts from 0
        meter.Record(new Dictionary<int, long> { [2] = 50 });           // 1 exited: its 50 ticks stay counted

        Assert.That(meter.Total, Is.EqualTo(TimeSpan.FromSeconds(1)), "50 + 50 ticks at 100 per second");
    }

    [Test]
    public void Stop_NoPid_Zero()
    {
        using var meter = JitMeter.Start(null);

        Assert.That(meter.Stop(), Is.EqualTo(TimeSpan.Zero));
    }
}
