namespace HomeCall.Bench.Load;

/// <summary>`relay` options: P pairs × W in flight, payload size, dialects (pairs round-robin over them), timing (the warm-up waits up to JitWaitSeconds more for the server's JIT to go idle).</summary>
internal sealed record RelaySettings(
    int Pairs,
    int Window,
    int PayloadBytes,
    string Dialects,
    double WarmupSeconds,
    double JitWaitSeconds,
    double DurationSeconds,
    int SourceIps,
    int? ServerPid,
    string Label);
