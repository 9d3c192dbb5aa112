using System.Globalization;
using System.Text.RegularExpressions;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// systemd/homecall.service checked offline with systemd-analyze (units cannot be started
/// here: no systemd as PID 1). docs/deploy.md says how the unit was also run under systemd.
/// </summary>
public sealed partial class SystemdUnitTests
{
    /// <summary>systemd-analyze's 0-100 scale: 15 is the "1.5 OK" the issue asks for.</summary>
    private const int MaxExposureTenths = 15;

    private static string UnitPath => RepoPaths.File("systemd", "homecall.service");

    [Test]
    public async Task Security_Offline_RatedOkAtMostOnePointFive()
    {
        var analyze = SystemTools.Require("systemd-analyze", "systemd");

        var result = await ProcessRunner.RunAsync(analyze, [
            "security", "--offline=true", "--no-pager",
            "--threshold=" + MaxExposureTenths.ToString(CultureInfo.InvariantCulture), UnitPath]);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var level = OverallExposure().Match(result.Output);
        Assert.That(level.Success, Is.True, result.Output);
        Assert.That(double.Parse(level.Groups[1].Value, CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(MaxExposureTenths / 10.0), result.Output);
    }

    [Test]
    public async Task Verify_WithTheBinaryInPlace_Clean()
    {
        var analyze = SystemTools.Require("systemd-analyze", "systemd");
        var dir = Directory.CreateTempSubdirectory("homecall-unit-");
        try
        {
            // verify insists that ExecStart= exists; point it at the built daemon, change nothing else.
            var unit = File.ReadAllText(UnitPath).Replace(
                "ExecStart=/usr/local/bin/homecall", "ExecStart=" + DaemonProcess.ExecutablePath, StringComparison.Ordinal);
            var copy = Path.Combine(dir.FullName, "homecall.service");
            File.WriteAllText(copy, unit);

            var result = await ProcessRunner.RunAsync(analyze, ["verify", "--man=no", copy]);

            Assert.That(result.ExitCode, Is.Zero, result.Output);
            Assert.That(result.Output.Trim(), Is.Empty);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void Unit_Contents_NotifyStaticUserLogsStateWatchdogNoMemoryDenyWriteExecute()
    {
        var lines = File.ReadAllLines(UnitPath).Where(l => !l.StartsWith('#')).ToArray();

        Assert.That(lines, Does.Contain("Type=notify"));
        Assert.That(lines, Does.Contain("ExecStart=/usr/local/bin/homecall --env-file /run/homecall/homecall.env"));
        Assert.That(lines, Does.Contain("EnvironmentFile=/etc/homecall/homecall.env"));
        // A static user, so that the log directory (tmpfiles.d/homecall.conf) stays homecall:adm:
        // LogsDirectory= and DynamicUser= would give it to the service's own group at every start.
        Assert.That(lines, Does.Contain("User=homecall"));
        Assert.That(lines, Does.Contain("Group=homecall"));
        Assert.That(lines, Has.None.StartsWith("DynamicUser="));
        Assert.That(lines, Has.None.StartsWith("LogsDirectory"));
        Assert.That(lines, Does.Contain("ReadWritePaths=-/var/log/homecall"));
        Assert.That(lines, Does.Contain("Environment=LOG_DIR=/var/log/homecall"));
        // The fingerprint key lives in $STATE_DIRECTORY, kept across restarts and owner-only.
        Assert.That(lines, Does.Contain("StateDirectory=homecall"));
        Assert.That(lines, Does.Contain("StateDirectoryMode=0700"));
        Assert.That(lines, Has.None.StartsWith("Environment=FINGERPRINT_KEY_FILE="));
        Assert.That(lines, Does.Contain("Restart=on-failure"));
        Assert.That(lines.Any(l => l.StartsWith("WatchdogSec=", StringComparison.Ordinal)), Is.True);
        // Kills the .NET runtime (SIGSEGV): must stay out.
        Assert.That(lines, Has.None.StartsWith("MemoryDenyWriteExecute="));
    }

    [Test]
    public void Unit_Reload_CopiesTheSettingsThenSighupsTheMainProcess()
    {
        var lines = File.ReadAllLines(UnitPath).Where(l => !l.StartsWith('#')).ToArray();
        const string Copy = "install -m 0400 -o homecall /etc/homecall/homecall.env /run/homecall/homecall.env";

        Assert.That(lines, Does.Contain("RuntimeDirectory=homecall"));
        Assert.That(lines, Does.Contain($"ExecStartPre=+/bin/sh -c '{Copy}'"));
        Assert.That(lines, Does.Contain($"ExecReload=+/bin/sh -c '{Copy} && kill -HUP \"$$MAINPID\"'"));
    }

    /// <summary>The files that make the unit's user and log directory (applied for real by DebPackageTests): the names the unit uses.</summary>
    [Test]
    public void SysusersAndTmpfiles_UserHomecallAndLogDirectoryHomecallAdm2750()
    {
        var users = File.ReadAllLines(RepoPaths.File("systemd", "sysusers.d", "homecall.conf")).Where(l => !l.StartsWith('#')).ToArray();
        var tmpfiles = File.ReadAllLines(RepoPaths.File("systemd", "tmpfiles.d", "homecall.conf")).Where(l => !l.StartsWith('#')).ToArray();

        Assert.That(users, Is.EqualTo(new[] { "u homecall - \"HomeCall signaling daemon\" /nonexistent" }));
        Assert.That(tmpfiles.Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))), Is.EqualTo(new[] { "d /var/log/homecall 2750 homecall adm -" }));
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+\.\d+)")]
    private static partial Regex OverallExposure();
}
