namespace HomeCall.Bench.Suite;

/// <summary>How the report names each server, and which of them are the daemon's published binary.</summary>
internal static class ServerKinds
{
    public static bool IsDaemon(this ServerKind kind) =>
        kind is ServerKind.Daemon or ServerKind.DaemonWarning or ServerKind.DaemonDefaultLimits;

    public static string Display(this ServerKind kind) => kind switch
    {
        ServerKind.DaemonWarning => "Daemon (warning)",
        ServerKind.DaemonDefaultLimits => "Daemon (default limits)",
        _ => kind.ToString(),
    };

    /// <summary>The label a result line carries: "daemon", "daemon-warning", "bun", ….</summary>
    public static string Label(this ServerKind kind) => kind switch
    {
        ServerKind.DaemonWarning => "daemon-warning",
        ServerKind.DaemonDefaultLimits => "daemon-default-limits",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
