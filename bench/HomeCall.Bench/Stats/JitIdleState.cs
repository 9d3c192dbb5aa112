namespace HomeCall.Bench.Stats;

/// <summary>Where a warm-up stands with the server's JIT compiler threads (<see cref="JitIdleDetector"/>).</summary>
internal enum JitIdleState
{
    /// <summary>The fixed warm-up is not over, or the JIT threads are still compiling.</summary>
    Busy,

    /// <summary>The JIT threads used less than the idle threshold over the last second: tier-up is done.</summary>
    Idle,

    /// <summary>The JIT threads were still compiling when the cap on the extra wait passed.</summary>
    CapReached,
}
