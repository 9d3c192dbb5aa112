using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>
/// The built binary run as user nobody (setpriv, the suite runs as root): the LOG_DIR warnings
/// name the real cause, a permission problem here and a file in the way in FaultLogSinkTests.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LogDirWarningTests
{
    private static readonly string[] AsNobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"];

    private string _dir = "";

    [SetUp]
    public void CreateDir()
    {
        _dir = Directory.CreateTempSubdirectory("homecall-nobody-").FullName;
        File.SetUnixFileMode(_dir, (UnixFileMode)Convert.ToInt32("777", 8));
    }

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Start_LogDirNotPermitted_WarningSaysPermissionDenied()
    {
        var parent = Directory.CreateDirectory(Path.Combine(_dir, "root-only")).FullName;
        File.SetUnixFileMode(parent, (UnixFileMode)Convert.ToInt32("755", 8));

        var output = await RunAsNobodyAsync(Path.Combine(parent, "logs"));

        Assert.That(output, Has.One.Contains("[WRN]").And.Contains("is not writable (permission denied: user nobody may not create"));
    }

    [Test]
    public async Task Start_NotRootNorInGroupAdm_WarnsFilesNotReadableByAdm()
    {
        var logs = Directory.CreateDirectory(Path.Combine(_dir, "logs")).FullName;
        File.SetUnixFileMode(logs, (UnixFileMode)Convert.ToInt32("777", 8));

        var output = await RunAsNobodyAsync(logs);

        Assert.That(output, Has.One.Contains("[WRN]").And.Contains("are not readable by group adm (cannot give it to group adm: Operation not permitted)"));
        Assert.That(Directory.GetFiles(logs, "homecall-*.log"), Has.Length.EqualTo(1), "the files are still written");
    }

    private async Task<IReadOnlyList<string>> RunAsNobodyAsync(string logDir)
    {
        SystemTools.Require("setpriv", "util-linux");
        var env = new Dictionary<string, string>
        {
            ["HOME"] = _dir,
            ["FINGERPRINT_KEY_FILE"] = Path.Combine(_dir, "fingerprint.key"),
            ["LOG_DIR"] = logDir,
        };
        await using var daemon = DaemonProcess.Start(["--port", "0"], env, launcher: AsNobody);
        await daemon.WaitForListeningAsync();
        await daemon.SignalAsync("TERM");
        Assert.That(await daemon.WaitForExitAsync(), Is.Zero, daemon.Output);
        return daemon.Stdout;
    }
}
