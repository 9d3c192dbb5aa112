namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// The homecall .deb as the package tests build, install and purge it on this machine (as
/// root): built by `make deb` from a framework-dependent single-file binary published for the
/// test (BIN=; the self-contained `make publish` output is the same program but takes a
/// minute), and the machine left as found: no homecall files before, none after. The system
/// user homecall the postinst creates stays after a purge, as Debian keeps system users.
/// </summary>
internal static class DebPackage
{
    public const string Name = "homecall";
    public const string EnvFile = "/etc/homecall/homecall.env";
    public const string UnitFile = "/lib/systemd/system/homecall.service";
    public const string DocDir = "/usr/share/doc/homecall";

    /// <summary>What the service makes and keeps across a remove (its logs, its fingerprint key); purge drops both.</summary>
    public const string LogDir = "/var/log/homecall";
    public const string StateDir = "/var/lib/homecall";

    /// <summary>Everything named homecall where the package, dpkg, deb-systemd-helper or the service put files.</summary>
    private static readonly string[] TraceRoots =
    [
        "/etc", "/lib/systemd", "/usr/bin", "/usr/lib/sysusers.d", "/usr/lib/tmpfiles.d", "/usr/share/doc", "/usr/share/man", "/usr/share/lintian",
        "/var/lib/dpkg/info", "/var/lib/systemd", "/var/lib/homecall", "/var/lib/private", "/var/log/homecall", "/var/log/private", "/run/homecall",
    ];

    /// <summary>Publishes the binary into <paramref name="work"/> and packages it; returns both paths.</summary>
    public static async Task<(string Binary, string Deb)> BuildAsync(string work)
    {
        SystemTools.Require("make", "make");
        SystemTools.Require("dpkg-deb", "dpkg");
        var binary = await SingleFileBuild.PublishAsync(work);
        var dist = Path.Combine(work, "dist");
        var make = await ProcessRunner.RunAsync("make", ["--no-print-directory", "-C", RepoPaths.Root, "deb", "DIST=" + dist, "BIN=" + binary]);
        Assert.That(make.ExitCode, Is.Zero, make.Output);
        return (binary, Directory.GetFiles(dist, "*.deb").Single());
    }

    /// <summary>Fails unless this runs as root on a machine without homecall files (the tests install and purge the package).</summary>
    public static async Task RequireCleanMachineAsync()
    {
        Assert.That(Environment.IsPrivilegedProcess, Is.True, "dpkg -i needs root: run the suite as root (.ci/run does)");
        Assert.That(await TracesAsync(), Is.Empty, "homecall files are already on this machine; this test installs and purges the package, so it runs only where there are none");
    }

    /// <summary>Purges the package if still installed, and removes what the service made.</summary>
    public static async Task LeaveAsFoundAsync()
    {
        if (await Dpkg.StatusAsync(Name) is not null)
        {
            await Dpkg.RunAsync("--purge", Name);
        }

        foreach (var dir in new[] { LogDir, StateDir }.Where(Directory.Exists))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Paths named *homecall* under <see cref="TraceRoots"/> (find: symlinks not followed, missing roots skipped).</summary>
    public static async Task<string[]> TracesAsync()
    {
        var roots = TraceRoots.Where(r => Path.Exists(r)).ToArray();
        var find = await ProcessRunner.RunAsync("find", [.. roots, "-name", "*homecall*"]);
        Assert.That(find.ExitCode, Is.Zero, find.Output);
        return find.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
    }
}
