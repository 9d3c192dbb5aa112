namespace HomeCall.Bench.Load;

/// <summary>`setup` options: this many workers, each setting up and closing one connection after another.</summary>
internal sealed record SetupSettings(
    int Parallel,
    double WarmupSeconds,
    double JitWaitSeconds,
    double DurationSeconds,
    int SourceIps,
    int? ServerPid,
    string Label);
