namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>The reverse-proxy samples under deploy/*/, which `make install` and `make deb` put in the doc directory as DIR-FILE.</summary>
internal static class ProxySamples
{
    /// <summary>Installed name (apache-homecall.conf) → the file in the repository.</summary>
    public static Dictionary<string, string> ByInstalledName() =>
        Directory.GetDirectories(RepoPaths.File("deploy"))
            .SelectMany(Directory.GetFiles)
            .ToDictionary(f => Path.GetFileName(Path.GetDirectoryName(f)) + "-" + Path.GetFileName(f));
}
