using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// The package installed, removed and purged on this machine, as root. CI machines have no
/// systemd as PID 1, which is what the maintainer scripts must cope with (they enable the
/// unit with deb-systemd-helper and call systemctl only under /run/systemd/system). The test
/// refuses to run where any homecall file is already found, and purges what it installed
/// even when it fails.
/// </summary>
public sealed partial class DebPackageTests
{
    private const string Package = DebPackage.Name;
    private const string EnvFile = DebPackage.EnvFile;
    private const string LogDir = DebPackage.LogDir;
    private const string StateDir = DebPackage.StateDir;
    private const string WantsLink = "/etc/systemd/system/multi-user.target.wants/homecall.service";

    [Test]
    public async Task Dpkg_InstallRemovePurge_EnabledConfigKeptOnRemoveNothingLeftAfterPurge()
    {
        await DebPackage.RequireCleanMachineAsync();
        var createdPrivate = !Directory.Exists(PrivateLogs);
        try
        {
            LeaveLogsAsAnOlderPackageDid();
            await InstallAndCheckAsync();
            OlderLogsKeptAside();
            await RunAsTheUnitSaysAndCheckLogsAsync();
            await RemoveAndCheckAsync();
            await PurgeAndCheckAsync();
            Assert.That(await DebPackage.TracesAsync(), Is.Empty);
        }
        finally
        {
            await DebPackage.LeaveAsFoundAsync();
            if (createdPrivate && Directory.Exists(PrivateLogs))
            {
                Directory.Delete(PrivateLogs, recursive: true);
            }
        }
    }

    private async Task InstallAndCheckAsync()
    {
        var install = await Dpkg.RunAsync("--install", _deb);
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        Assert.That(await Dpkg.StatusAsync(Package), Is.EqualTo("install ok installed"));
        Assert.That(File.GetUnixFileMode("/usr/bin/homecall"), Is.EqualTo((UnixFileMode)0b111_101_101), "rwxr-xr-x");
        Assert.That(File.GetUnixFileMode(EnvFile), Is.EqualTo((UnixFileMode)0b110_100_000), "rw-r-----");
        Assert.That((await ProcessRunner.RunAsync("stat", ["-c", "%U:%G", EnvFile])).Output.Trim(), Is.EqualTo("root:root"));

        var check = await ProcessRunner.RunAsync("/usr/bin/homecall", ["--check-config", "--env-file", EnvFile]);
        Assert.That(check.ExitCode, Is.Zero, check.Output);
        Assert.That(check.Output, Does.Contain("WS_PORT=8080"));
        var man = await ProcessRunner.RunAsync("man", ["-w", "homecall", "homecall.env"]);
        Assert.That(man.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "/usr/share/man/man1/homecall.1.gz", "/usr/share/man/man5/homecall.env.5.gz" }));

        // Enabled as Debian enables services on install, without a running systemd.
        Assert.That(new FileInfo(WantsLink).LinkTarget, Is.EqualTo("/lib/systemd/system/homecall.service"));
        var verify = await ProcessRunner.RunAsync(SystemTools.Require("systemd-analyze", "systemd"), ["verify", "--man=no", "/lib/systemd/system/homecall.service"]);
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
        Assert.That(verify.Output.Trim(), Is.Empty);
        await SystemUserAndLogDirectoryAsync();
    }

    private static async Task RemoveAndCheckAsync()
    {
        var remove = await Dpkg.RunAsync("--remove", Package);
        Assert.That(remove.ExitCode, Is.Zero, remove.Output);
        Assert.That(await Dpkg.StatusAsync(Package), Is.EqualTo("deinstall ok config-files"));
        Assert.That(File.Exists("/usr/bin/homecall"), Is.False);
        Assert.That(File.Exists("/lib/systemd/system/homecall.service"), Is.False);
        Assert.That(await File.ReadAllTextAsync(EnvFile), Does.EndWith("WS_PORT=9000\n"), "remove keeps the admin's settings");
        Assert.That(Directory.GetFiles(LogDir, "homecall-*.log"), Is.Not.Empty, "remove keeps the logs");
        Assert.That(File.Exists(Path.Combine(StateDir, "fingerprint.key")), Is.True, "remove keeps the fingerprint key");
    }

    private static async Task PurgeAndCheckAsync()
    {
        var purge = await Dpkg.RunAsync("--purge", Package);
        Assert.That(purge.ExitCode, Is.Zero, purge.Output);
        Assert.That(await Dpkg.StatusAsync(Package), Is.Null);
        Assert.That(Directory.Exists("/etc/homecall"), Is.False, "purge drops the settings");
        Assert.That(Directory.Exists(LogDir), Is.False, "purge drops the logs");
        Assert.That(Directory.Exists(StateDir), Is.False, "purge drops the fingerprint key");
        Assert.That(Directory.Exists(Path.Combine(PrivateLogs, "homecall")), Is.False, "and the logs of an older package");
        Assert.That((await ProcessRunner.RunAsync("getent", ["passwd", SystemUser])).ExitCode, Is.Zero, "Debian keeps a system user on purge");
    }
}
