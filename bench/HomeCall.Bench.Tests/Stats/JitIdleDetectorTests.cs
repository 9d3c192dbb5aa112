using HomeCall.Bench.Stats;
using HomeCall.Bench.Tests.TestSupport;

namespace HomeCall.Bench.Tests.Stats;

/// <summary>
/// The detector fed by hand: made-up times (a sample every 200 ms, as the warm-up polls) and made-up
/// per-thread CPU ticks (100 a second), so no test depends on a live JIT or the wall clock.
/// </summary>
public sealed class JitIdleDetectorTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Minimum = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Test]
    public void Observe_JitStopsCompilingAfterTheFixedWarmup_IdleOneSecondLater()
    {
        using var detector = new JitIdleDetector(Minimum, Cap);

        // Thread 7 compiles at half a core (10 ticks per 200 ms) until 3 s, then stops.
        var states = Run(detector, TimeSpan.FromSeconds(6), at => new Dictionary<int, long> { [7] = 10 * Math.Min(Steps(at), 15) });

        Assert.Multiple(() =>
        {
            Assert.That(FirstNotBusy(states), Is.EqualTo((TimeSpan.FromSeconds(4), JitIdleState.Idle)), "the first second without a tick ends at 4 s");
            Assert.That(detector.JitCpu, Is.EqualTo(TimeSpan.FromSeconds(1.5)), "150 ticks compiled in the warm-up");
        });
    }

    [Test]
    public void Observe_QuietBeforeTheFixedWarmupEnds_BusyUntilItEnds()
    {
        using var detector = new JitIdleDetector(Minimum, Cap);

        var states = Run(detector, TimeSpan.FromSeconds(4), _ => new Dictionary<int, long> { [7] = 40 });

        Assert.That(FirstNotBusy(states), Is.EqualTo((Minimum, JitIdleState.Idle)));
    }

    [Test]
    public void Observe_OneTickASecond_IdleBelowTwoPercentOfACore()
    {
        using var detector = new JitIdleDetector(Minimum, Cap);

        // 1 tick a second = 10 ms of CPU a second = 1 % of one core: the last promotions trickling in.
        var states = Run(detector, TimeSpan.FromSeconds(4), at => new Dictionary<int, long> { [7] = Steps(at) / 5 });

        Assert.That(FirstNotBusy(states), Is.EqualTo((Minimum, JitIdleState.Idle)));
    }

    [Test]
    public void Observe_JitStillCompilingAtTheCap_CapReached()
    {
        using var detector = new JitIdleDetector(Minimum, TimeSpan.FromSeconds(3));

        // One tick per 200 ms = 5 % of a core, forever.
        var states = Run(detector, TimeSpan.FromSeconds(8), at => new Dictionary<int, long> { [7] = Steps(at) });

        Assert.That(FirstNotBusy(states), Is.EqualTo((TimeSpan.FromSeconds(5), JitIdleState.CapReached)));
    }

    [Test]
    public void Observe_JitThreadsComeAndGo_EachCountedAndIdleOnceAllStop()
    {
        using var detector = new JitIdleDetector(Minimum, Cap);

        // Thread 7 compiles until it exits at 3 s, after the fixed warm-up; thread 8, born then, compiles until 4.4 s.
        // The sum of the threads' ticks drops when 7 exits: that must not read as idle.
        var states = Run(detector, TimeSpan.FromSeconds(7), at => at < TimeSpan.FromSeconds(3)
            ? new Dictionary<int, long> { [7] = 10 * Steps(at) }
            : new Dictionary<int, long> { [8] = 10 * Math.Min(Steps(at) - 14, 8) });

        Assert.Multiple(() =>
        {
            Assert.That(FirstNotBusy(states), Is.EqualTo((TimeSpan.FromSeconds(5.4), JitIdleState.Idle)));
            Assert.That(detector.JitCpu, Is.EqualTo(TimeSpan.FromSeconds(2.2)), "140 ticks of thread 7 and 80 of thread 8");
        });
    }

    [Test]
    public void Observe_BusyThreadsThatDoNotCompile_Ignored()
    {
        using var detector = new JitIdleDetector(Minimum, Cap);
        using var task = new FakeTaskDirectory();

        // The thread pool and the GC work flat out; the tiered-compilation worker has gone quiet.
        var states = Run(detector, TimeSpan.FromSeconds(4), at =>
        {
            task.Set(20, ".NET Tiered Com", 300).Set(21, ".NET TP Worker", 50 * Steps(at)).Set(22, ".NET BGC", 20 * Steps(at));
            return ProcessSample.JitThreadTicks(task.Path);
        });

        Assert.Multiple(() =>
        {
            Assert.That(FirstNotBusy(states), Is.EqualTo((Minimum, JitIdleState.Idle)));
            Assert.That(detector.JitCpu, Is.EqualTo(TimeSpan.Zero));
        });
    }

    /// <summary>Feeds a sample every <see cref="Step"/> from 0 to <paramref name="until"/>; the state after each.</summary>
    private static List<(TimeSpan At, JitIdleState State)> Run(JitIdleDetector detector, TimeSpan until, Func<TimeSpan, IReadOnlyDictionary<int, long>> ticksAt)
    {
        var states = new List<(TimeSpan, JitIdleState)>();
        for (var at = TimeSpan.Zero; at <= until; at += Step)
        {
            states.Add((at, detector.Observe(at, ticksAt(at))));
        }

        return states;
    }

    private static (TimeSpan At, JitIdleState State) FirstNotBusy(List<(TimeSpan At, JitIdleState State)> states) =>
        states.FirstOrDefault(s => s.State != JitIdleState.Busy);

    private static long Steps(TimeSpan at) => (long)Math.Round(at / Step);
}
