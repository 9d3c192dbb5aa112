namespace HomeCall.Bench.Load;

/// <summary>How a warm-up ended: its length, the server's JIT threads' CPU in it, and why it stopped.</summary>
/// <param name="Until">"jit-idle" (the JIT threads went idle), "cap" (they had not by the cap) or "fixed" (no server pid: the fixed warm-up only)</param>
internal sealed record WarmupResult(double Seconds, TimeSpan JitCpu, string Until);
