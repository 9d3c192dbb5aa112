namespace HomeCall.Bench.Load;

/// <summary>`idle` options: N connections joined in rooms of a given size, held for a while.</summary>
internal sealed record IdleSettings(
    int Connections,
    int RoomSize,
    string Dialect,
    double HoldSeconds,
    double SettleSeconds,
    int Parallel,
    int SourceIps,
    int? ServerPid,
    string Label);
