namespace HomeCall.Bench.Suite;

/// <summary>`suite` options: the two servers, where the report goes, and the size of the standard set.</summary>
internal sealed record SuiteSettings(
    string Daemon,
    string Reference,
    string Node,
    string Out,
    int IdleConnections,
    double DurationSeconds,
    int Rounds,
    bool SkipMicro);
