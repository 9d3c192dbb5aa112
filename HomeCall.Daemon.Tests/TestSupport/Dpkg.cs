namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// dpkg as the package tests run it. Another apt or dpkg on the machine holds the dpkg lock
/// for a while; dpkg then fails at once, naming the lock, so such a run is retried until the
/// lock is free (within <see cref="LockWait"/>, a generous bound for a package install).
/// </summary>
internal static class Dpkg
{
    public static readonly TimeSpan LockWait = TimeSpan.FromMinutes(3);

    /// <summary>No conffile question may wait for an answer nobody gives.</summary>
    private static readonly Dictionary<string, string> NonInteractive = new() { ["DEBIAN_FRONTEND"] = "noninteractive" };

    public static Task<ProcessResult> RunAsync(params string[] args) =>
        Poll.UntilAsync(
            () => ProcessRunner.RunAsync("dpkg", args, environment: NonInteractive),
            result => result.ExitCode == 0 || !result.Output.Contains("lock", StringComparison.OrdinalIgnoreCase),
            LockWait);

    /// <summary>The package's dpkg status ("install ok installed", "deinstall ok config-files"), or null when dpkg does not know it.</summary>
    public static async Task<string?> StatusAsync(string package)
    {
        var result = await ProcessRunner.RunAsync("dpkg-query", ["-W", "-f=${Status}", package]);
        return result.ExitCode == 0 && !result.Output.Contains("not-installed", StringComparison.Ordinal) ? result.Output.Trim() : null;
    }
}
