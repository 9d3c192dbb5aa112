using System.Globalization;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Finding the machine's tools (apache2, systemd-analyze, openssl, make) and signalling processes like an init system.</summary>
internal static class SystemTools
{
    /// <summary>The full path of an executable on PATH or in the sbin directories Debian puts daemons in, or null.</summary>
    public static string? Find(string name)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The tool's path; a missing tool fails the test (never skips it), naming the package:
    /// a skipped test reads as green while testing nothing, and .ci/run installs every tool.
    /// </summary>
    public static string Require(string name, string package)
    {
        var found = Find(name);
        if (found is null)
        {
            Assert.Fail($"{name} is not installed: run `apt-get install {package}` (.ci/run does this).");
        }

        return found!;
    }

    /// <summary>Sends a signal the way an init system does (SIGTERM on stop).</summary>
    public static async Task SignalAsync(int pid, string signal)
    {
        var result = await ProcessRunner.RunAsync("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        Assert.That(result.ExitCode, Is.Zero, "kill failed: " + result.Output);
    }
}
