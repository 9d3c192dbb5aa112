namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Publishes the daemon as one framework-dependent file, as `make install BIN=` accepts.
/// Its own artifacts path keeps it off the repo's obj/ (a build may be running there), and
/// DisableTransitiveFrameworkReferenceDownloads spares the runtime packs, so it restores
/// offline from the packages the normal build and `make test`'s linux-x64 restore already
/// fetched into the NuGet cache (tests run without network;
/// NuGetAudit is off because its vulnerability feed is online-only, and a failed fetch
/// is a warning that TreatWarningsAsErrors turns into a failed restore).
/// </summary>
internal static class SingleFileBuild
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(4);

    public static async Task<string> PublishAsync(string workDirectory)
    {
        var output = Path.Combine(workDirectory, "publish");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var result = await ProcessRunner.RunAsync(dotnet, [
            "publish", RepoPaths.File("HomeCall.Daemon", "HomeCall.Daemon.csproj"),
            "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PublishSingleFile=true", "-p:DebugType=none", "-p:DisableTransitiveFrameworkReferenceDownloads=true",
            "-p:NuGetAudit=false",
            "--artifacts-path", Path.Combine(workDirectory, "artifacts"), "-o", output, "--nologo"],
            timeout: PublishTimeout);
        Assert.That(result.ExitCode, Is.Zero, "dotnet publish failed: " + result.Output);
        return Path.Combine(output, "homecall");
    }
}
