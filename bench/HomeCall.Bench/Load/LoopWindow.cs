using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Load;

/// <summary>
/// What a <see cref="SessionLoop"/> run saw: how its warm-up ended, and over its measuring window: server and client samples at both
/// ends, the server's JIT threads' CPU in it, its length, and how long each unit took.
/// </summary>
internal sealed record LoopWindow(WarmupResult Warmup, ProcessSample? Before, ProcessSample? After, ProcessSample? ClientBefore, ProcessSample? ClientAfter, TimeSpan Jit, double Seconds, LatencyHistogram UnitTime);
