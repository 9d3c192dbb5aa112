using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// `make install` / `make uninstall` into a temp DESTDIR. The binary is a framework-dependent
/// single file published once for the fixture (BIN=): the self-contained `make publish` output
/// is the same program but takes a minute and the runtime packs to build.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class MakeInstallTests
{
    private DirectoryInfo _work = null!;
    private string _binary = null!;

    [OneTimeSetUp]
    public async Task PublishAsync()
    {
        SystemTools.Require("make", "make");
        _work = Directory.CreateTempSubdirectory("homecall-install-");
        _binary = await SingleFileBuild.PublishAsync(_work.FullName);
    }

    [OneTimeTearDown]
    public void Clean() => _work?.Delete(recursive: true);

    [Test]
    public async Task Install_IntoDestdir_BinaryUnitEnvFileAndApacheSnippet()
    {
        var root = NewRoot();

        var result = await MakeAsync("install", "DESTDIR=" + root, "BIN=" + _binary);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(Mode(root, "usr/local/bin/homecall"), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute));
        Assert.That(Mode(root, "etc/homecall/homecall.env"), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));
        Assert.That(Read(root, "etc/homecall/homecall.env"), Is.EqualTo(File.ReadAllText(RepoPaths.File("homecall.env"))));
        Assert.That(Read(root, "usr/local/lib/systemd/system/homecall.service"), Is.EqualTo(File.ReadAllText(RepoPaths.File("systemd", "homecall.service"))));
        Assert.That(Read(root, "usr/local/share/doc/homecall/apache-homecall.conf"), Is.EqualTo(File.ReadAllText(RepoPaths.File("deploy", "apache", "homecall.conf"))));
        Assert.That(File.Exists(Path.Combine(root, "usr/local/share/doc/homecall/deploy.md")), Is.True);
    }

    [Test]
    public async Task Install_InstalledBinary_ChecksTheInstalledEnvFile()
    {
        var root = NewRoot();
        await MakeAsync("install", "DESTDIR=" + root, "BIN=" + _binary);

        var check = await ProcessRunner.RunAsync(
            Path.Combine(root, "usr/local/bin/homecall"), ["--check-config", "--env-file", Path.Combine(root, "etc/homecall/homecall.env")]);

        Assert.That(check.ExitCode, Is.Zero, check.Output);
        Assert.That(check.Output, Does.Contain("WS_PORT=8080"));
    }

    [Test]
    public async Task Install_OverExistingEnvFile_KeepsTheAdminsSettings()
    {
        var root = NewRoot();
        await MakeAsync("install", "DESTDIR=" + root, "BIN=" + _binary);
        var env = Path.Combine(root, "etc/homecall/homecall.env");
        await File.WriteAllTextAsync(env, "WS_PORT=9000\n");

        var again = await MakeAsync("install", "DESTDIR=" + root, "BIN=" + _binary);

        Assert.That(again.ExitCode, Is.Zero, again.Output);
        Assert.That(await File.ReadAllTextAsync(env), Is.EqualTo("WS_PORT=9000\n"));
        Assert.That(File.Exists(Path.Combine(root, "usr/local/share/doc/homecall/homecall.env.example")), Is.True);
    }

    [Test]
    public async Task Uninstall_AfterInstall_RemovesEverythingButTheEnvFile()
    {
        var root = NewRoot();
        await MakeAsync("install", "DESTDIR=" + root, "BIN=" + _binary);

        var result = await MakeAsync("uninstall", "DESTDIR=" + root);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var left = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f));
        Assert.That(left, Is.EqualTo(new[] { "etc/homecall/homecall.env" }));
    }

    [Test]
    public async Task Install_OtherPrefix_UnitNamesThoseFilesAndVerifiesClean()
    {
        var analyze = SystemTools.Require("systemd-analyze", "systemd");
        var root = NewRoot();
        var prefix = Path.Combine(root, "opt");
        var sysconf = Path.Combine(root, "etc");

        // CREATE_USER=no: this install has no DESTDIR, but must not add a user to the machine.
        var result = await MakeAsync("install", "PREFIX=" + prefix, "SYSCONFDIR=" + sysconf, "BIN=" + _binary, "CREATE_USER=no");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain($"systemd-sysusers {prefix}/lib/sysusers.d/homecall.conf && systemd-tmpfiles --create {prefix}/lib/tmpfiles.d/homecall.conf"), "says what it left to the admin");
        var unitPath = Path.Combine(prefix, "lib/systemd/system/homecall.service");
        var unit = await File.ReadAllLinesAsync(unitPath);
        Assert.That(unit, Does.Contain($"ExecStart={prefix}/bin/homecall --env-file /run/homecall/homecall.env"));
        Assert.That(unit, Does.Contain($"EnvironmentFile={sysconf}/homecall/homecall.env"));
        Assert.That(unit, Does.Contain($"Documentation=file:{prefix}/share/doc/homecall/deploy.md"));
        var verify = await ProcessRunner.RunAsync(analyze, ["verify", "--man=no", unitPath]);
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
        Assert.That(verify.Output.Trim(), Is.Empty);
    }

    [Test]
    public async Task Install_NoBinary_FailsNamingMakePublish()
    {
        var result = await MakeAsync("install", "DESTDIR=" + NewRoot(), "BIN=" + Path.Combine(_work.FullName, "missing"));

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain("make publish"));
    }

    private static Task<ProcessResult> MakeAsync(params string[] args) =>
        ProcessRunner.RunAsync("make", ["--no-print-directory", "-C", RepoPaths.Root, .. args]);

    private static UnixFileMode Mode(string root, string path) => File.GetUnixFileMode(Path.Combine(root, path));

    private static string Read(string root, string path) => File.ReadAllText(Path.Combine(root, path));

    private string NewRoot() => Directory.CreateDirectory(Path.Combine(_work.FullName, "root-" + Guid.NewGuid().ToString("N"))).FullName;
}
