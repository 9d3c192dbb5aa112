using HomeCall.Bench.Micro;

namespace HomeCall.Bench.Tests.Micro;

/// <summary>
/// A browser's upgrade head costs the daemon one copy of the head, its header ranges and the few
/// strings a connection keeps (docs/benchmarks.md; bench/profile.md measured 7.1 KB when every header
/// became strings). Counted with the thread's allocation counter, so machine load cannot change the result.
/// </summary>
public sealed class UpgradeHeadBenchmarksTests
{
    private const int Warmup = 1_000;
    private const int Measured = 10_000;

    /// <summary>The head copy (~500 B), 12 header ranges (~150 B), the head object and the Origin string, with room to spare.</summary>
    private const double MaxBytesPerUpgrade = 1_200;

    [Test]
    public void Upgrade_BrowserHead_AllocatesOnlyTheHeadCopyAndKeptStrings()
    {
        var benchmarks = new UpgradeHeadBenchmarks();
        for (var i = 0; i < Warmup; i++)
        {
            benchmarks.Upgrade();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Measured; i++)
        {
            benchmarks.Upgrade();
        }

        var perUpgrade = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Measured;
        Assert.That(perUpgrade, Is.LessThan(MaxBytesPerUpgrade));
    }
}
