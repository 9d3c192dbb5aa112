namespace HomeCall.Bench.Suite;

/// <summary>`suite` options: the three servers, where the report goes, and the size of the standard set.</summary>
internal sealed record SuiteSettings(
    string Daemon,
    string Reference,
    string Node,
    string BunReference,
    string Bun,
    string ProfileNotes,
    string Out,
    int IdleConnections,
    double DurationSeconds,
    int Rounds,
    bool SkipMicro);
