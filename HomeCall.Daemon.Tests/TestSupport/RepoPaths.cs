namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Files of the repository and of the build, found from the test assembly's directory.</summary>
internal static class RepoPaths
{
    /// <summary>The directory holding HomeCall.Daemon.sln (the test assembly runs from HomeCall.Daemon.Tests/bin/&lt;Config&gt;/net10.0).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The built daemon, copied next to the test assembly by the project reference.</summary>
    public static string DaemonDll => Path.Combine(AppContext.BaseDirectory, "homecall.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HomeCall.Daemon.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HomeCall.Daemon.sln not found above " + AppContext.BaseDirectory);
    }
}
