namespace HomeCall.Bench.Load;

/// <summary>The phase every connection loop reads (one writer: the run's driver).</summary>
internal sealed class RunClock
{
    private volatile Phase _phase = Phase.Warmup;

    public Phase Phase
    {
        get => _phase;
        set => _phase = value;
    }
}
