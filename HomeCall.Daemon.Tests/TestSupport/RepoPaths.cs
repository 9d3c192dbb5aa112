namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Files of the repository the tests run from (the unit, the Apache snippet, the Makefile).</summary>
internal static class RepoPaths
{
    private const string Marker = "HomeCall.Daemon.sln";

    /// <summary>The directory holding the solution, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The built daemon, copied next to the test assembly by the project reference.</summary>
    public static string DaemonDll => Path.Combine(AppContext.BaseDirectory, "homecall.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(Marker + " not found above " + AppContext.BaseDirectory);
    }
}
