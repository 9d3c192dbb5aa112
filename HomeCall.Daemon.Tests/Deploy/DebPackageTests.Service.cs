using System.Globalization;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// The installed package's service identity and logs: the static system user the postinst made,
/// the setgid log directory support staff (group adm) read, and a daemon started as the
/// installed unit says (<see cref="InstalledUnit"/>, since no systemd runs here) writing there.
/// </summary>
public sealed partial class DebPackageTests
{
    private const string SystemUser = "homecall";
    private const string UnitFile = DebPackage.UnitFile;

    /// <summary>Debian's system uids (SYS_UID_MAX in /etc/login.defs, and systemd-sysusers' range).</summary>
    private const int LastSystemUid = 999;

    /// <summary>systemd-analyze's 0-100 scale: 15 is the "1.5 OK" the unit must keep.</summary>
    private const int MaxExposureTenths = 15;

    /// <summary>Where packages that ran the service with DynamicUser=yes kept its logs, behind a /var/log/homecall symlink.</summary>
    private const string PrivateLogs = "/var/log/private";
    private const string OlderLog = "homecall-20000101.log";

    /// <summary>What an older package's service left: the logs in /var/log/private/homecall (0700, as systemd makes it) behind the symlink.</summary>
    private static void LeaveLogsAsAnOlderPackageDid()
    {
        var dir = Directory.CreateDirectory(Path.Combine(PrivateLogs, "homecall")).FullName;
        File.SetUnixFileMode(PrivateLogs, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(dir, OlderLog), "an older line\n");
        File.CreateSymbolicLink(LogDir, "private/homecall");
    }

    /// <summary>The upgrade made /var/log/homecall a directory again; the older logs stay, root's only, until purge.</summary>
    private static void OlderLogsKeptAside()
    {
        Assert.That(new FileInfo(LogDir).LinkTarget, Is.Null, LogDir + " is a directory again");
        Assert.That(File.Exists(Path.Combine(PrivateLogs, "homecall", OlderLog)), Is.True);
    }

    private static async Task SystemUserAndLogDirectoryAsync()
    {
        var passwd = await ProcessRunner.RunAsync("getent", ["passwd", SystemUser]);
        Assert.That(passwd.ExitCode, Is.Zero, "postinst creates the user " + SystemUser);
        var fields = passwd.Output.Trim().Split(':');
        Assert.That(int.Parse(fields[2], CultureInfo.InvariantCulture), Is.InRange(1, LastSystemUid), "a system user: " + passwd.Output);
        Assert.That(fields[5], Is.EqualTo("/nonexistent"), "no home");
        Assert.That((await ProcessRunner.RunAsync("getent", ["group", SystemUser])).ExitCode, Is.Zero, "and its group");
        Assert.That(await StatAsync("%U:%G %a", LogDir), Is.EqualTo("homecall:adm 2750"));

        var security = await ProcessRunner.RunAsync(SystemTools.Require("systemd-analyze", "systemd"), [
            "security", "--offline=true", "--no-pager", "--threshold=" + MaxExposureTenths.ToString(CultureInfo.InvariantCulture), UnitFile]);
        Assert.That(security.ExitCode, Is.Zero, security.Output);
    }

    /// <summary>
    /// The daemon run as the unit runs it (user homecall, no supplementary groups, its own user
    /// namespace) writes a log file of group adm, mode 0640, without a warning that it could
    /// not give the file to adm; a user in adm reads it, anyone else cannot.
    /// </summary>
    private static async Task RunAsTheUnitSaysAndCheckLogsAsync()
    {
        // Any free port (homecall.env: 0 = any free port); the daemon's Listening line names it.
        await File.AppendAllTextAsync(EnvFile, "WS_PORT=0\n");
        await using (var unit = InstalledUnit.Read(UnitFile))
        {
            await unit.StartAsync();
            string[] logs = [];
            await Poll.UntilAsync(() => (logs = Directory.GetFiles(LogDir, "homecall-*.log")).Length > 0, "a log file in " + LogDir, DaemonProcess.StartWait);
            var log = logs.Single();

            Assert.That(await StatAsync("%U:%G %a", log), Is.EqualTo("homecall:adm 640"));
            Assert.That(await StatAsync("%U", Path.Combine(StateDir, "fingerprint.key")), Is.EqualTo(SystemUser));
            Assert.That(unit.Daemon.Output, Does.Not.Contain("not readable by group " + LogFileAccess.ReaderGroup));
            var staff = await ProcessRunner.RunAsync("setpriv", ["--reuid", "nobody", "--regid", "nogroup", "--groups", LogFileAccess.ReaderGroup, "cat", log]);
            Assert.That(staff.ExitCode, Is.Zero, "a user in group adm reads the log: " + staff.Output);
            Assert.That(staff.Output, Does.Contain("Listening on"));
            var other = await ProcessRunner.RunAsync("setpriv", ["--reuid", "nobody", "--regid", "nogroup", "--clear-groups", "cat", log]);
            Assert.That(other.ExitCode, Is.Not.Zero, "anyone else cannot");
            Assert.That(await unit.StopAsync(), Is.Zero, unit.Daemon.Output);
        }

        await File.AppendAllTextAsync(EnvFile, "WS_PORT=9000\n");
    }

    private static async Task<string> StatAsync(string format, string path) =>
        (await ProcessRunner.RunAsync("stat", ["-c", format, path])).Output.Trim();
}
