namespace HomeCall.Daemon.Hosting;

/// <summary>Process exit codes (sysexits.h where one fits).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Could not run: the port is taken, or an unexpected fatal error.</summary>
    public const int Failure = 1;

    /// <summary>EX_USAGE: the command line is wrong.</summary>
    public const int Usage = 64;

    /// <summary>EX_CONFIG: a setting is invalid, or the fingerprint key file cannot be used; nothing was bound.</summary>
    public const int Config = 78;

    /// <summary>Every exit status, for --help and the EXIT STATUS section of homecall(1), so neither can miss one.</summary>
    public static IReadOnlyList<ExitCodeMeaning> All { get; } =
    [
        new(Ok, "clean stop after SIGTERM or SIGINT; a command (--check-config, fingerprint, man, --version, --help) succeeded"),
        new(Failure, "could not listen (the port is busy: one line names host and port), or an unexpected fatal error"),
        new(Usage, "bad command line (the problem and the usage on stderr)"),
        new(Config, "invalid settings (every problem listed on stderr; nothing was bound), or a fingerprint key file that cannot be used (one line names the file and the problem)"),
    ];
}
