namespace HomeCall.Daemon.Config;

/// <summary>A parsed command line: the mode, setting overrides from flags, and usage errors.</summary>
internal sealed record CommandLineRequest(
    CommandMode Mode,
    IReadOnlyDictionary<string, string> Overrides,
    string? EnvFile,
    string? FingerprintRoom,
    string FingerprintDialect,
    IReadOnlyList<string> Errors);
