namespace HomeCall.Daemon.Tests.TestSupport;

<<<<<<< HEAD
/// <summary>Files of the repository the tests run from (the unit, the Apache snippet, the Makefile) and of the build.</summary>
internal static class RepoPaths
{
    private const string Marker = "HomeCall.Daemon.sln";

    /// <summary>The directory holding the solution, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The built daemon, copied next to the test assembly by the project reference.</summary>
    public static string DaemonDll => Path.Combine(AppContext.BaseDirectory, "homecall.dll");
=======
/// <summary>Files of the repository and of the build, found from the test assembly's directory.</summary>
internal static class RepoPaths
{
    /// <summary>The directory holding HomeCall.Daemon.sln (the test assembly runs from HomeCall.Daemon.Tests/bin/&lt;Config&gt;/net10.0).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The built daemon, copied next to the test assembly by the project reference.</summary>
    public static string DaemonDll => Path.Combine(AppContext.BaseDirectory, "homecall.dll");
>>>>>>> transport

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
<<<<<<< HEAD
            if (System.IO.File.Exists(Path.Combine(dir.FullName, Marker)))
=======
            if (File.Exists(Path.Combine(dir.FullName, "HomeCall.Daemon.sln")))
>>>>>>> transport
            {
                return dir.FullName;
            }
        }

<<<<<<< HEAD
        throw new InvalidOperationException(Marker + " not found above " + AppContext.BaseDirectory);
=======
        throw new InvalidOperationException("HomeCall.Daemon.sln not found above " + AppContext.BaseDirectory);
>>>>>>> transport
    }
}
