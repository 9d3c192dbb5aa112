namespace HomeCall.Bench.Load;

/// <summary>`churn` options: this many sessions in parallel, each connect → join → one relay each way → leave → close.</summary>
internal sealed record ChurnSettings(
    int Parallel,
    string Dialect,
    int PayloadBytes,
    double WarmupSeconds,
    double JitWaitSeconds,
    double DurationSeconds,
    int SourceIps,
    int? ServerPid,
    string Label);
