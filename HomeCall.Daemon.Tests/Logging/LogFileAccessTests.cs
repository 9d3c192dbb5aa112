using HomeCall.Daemon.Config;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Logging;

/// <summary>Log files for support staff: 0640 and a new directory 0750, both group adm (Debian has the group; the suite runs as root, which may give it).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LogFileAccessTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("homecall-modes-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Create_NewLogDir_Directory0750AndFile0640BothGroupAdm()
    {
        Assert.That(LogFileAccess.FindGroup(LogFileAccess.ReaderGroup), Is.Not.Null, "Debian's adm group is missing on this machine");
        var logDir = Path.Combine(_dir, "logs");

        string? groupProblem;
        using (var logger = LogSetup.Create(new DaemonOptions { LogDir = logDir }, Stream.Null, TextWriter.Null, new(), out _, out groupProblem))
        {
            logger.Information("written");
        }

        var file = Directory.GetFiles(logDir, "homecall-*.log").Single();
        Assert.That(groupProblem, Is.Null);
        Assert.That(File.GetUnixFileMode(logDir), Is.EqualTo(LogFileAccess.DirectoryMode));
        Assert.That(File.GetUnixFileMode(file), Is.EqualTo(LogFileAccess.FileMode));
        Assert.That(await GroupOfAsync(logDir), Is.EqualTo("adm"));
        Assert.That(await GroupOfAsync(file), Is.EqualTo("adm"));
    }

    [Test]
    public void Create_ExistingLogDir_ItsModeIsTheOwnersChoice()
    {
        File.SetUnixFileMode(_dir, LogFileAccess.DirectoryMode | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        using (var logger = LogSetup.Create(new DaemonOptions { LogDir = _dir }, Stream.Null, TextWriter.Null, out _))
        {
            logger.Information("written");
        }

        Assert.That(File.GetUnixFileMode(_dir).HasFlag(UnixFileMode.OtherRead), Is.True, "LOG_DIR=/var/log must not be chmodded");
        Assert.That(File.GetUnixFileMode(Directory.GetFiles(_dir, "homecall-*.log").Single()), Is.EqualTo(LogFileAccess.FileMode));
    }

    /// <summary>
    /// The package's /var/log/homecall is homecall:adm 2750: the setgid bit gives new files the
    /// directory's group, which is its owner's choice. Another group here (staff) shows that the
    /// daemon, root in this test and so able to chgrp, leaves it alone and reports no problem.
    /// </summary>
    [Test]
    public async Task Create_SetgidLogDir_FilesKeepTheDirectorysGroupNoProblem()
    {
        var chgrp = await ProcessRunner.RunAsync("chgrp", ["staff", _dir]);
        Assert.That(chgrp.ExitCode, Is.Zero, chgrp.Output);
        File.SetUnixFileMode(_dir, LogFileAccess.DirectoryMode | UnixFileMode.SetGroup);

        string? groupProblem;
        using (var logger = LogSetup.Create(new DaemonOptions { LogDir = _dir }, Stream.Null, TextWriter.Null, new(), out _, out groupProblem))
        {
            logger.Information("written");
        }

        var file = Directory.GetFiles(_dir, "homecall-*.log").Single();
        Assert.That(groupProblem, Is.Null);
        Assert.That(await GroupOfAsync(file), Is.EqualTo("staff"));
        Assert.That(File.GetUnixFileMode(file), Is.EqualTo(LogFileAccess.FileMode));
        Assert.That(File.GetUnixFileMode(_dir), Is.EqualTo(LogFileAccess.DirectoryMode | UnixFileMode.SetGroup));
    }

    [Test]
    public void PrepareFile_SymbolicLink_TargetLeftAlone()
    {
        var target = Path.Combine(_dir, "target");
        File.WriteAllText(target, "");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var link = Path.Combine(_dir, "homecall-20260101.log");
        File.CreateSymbolicLink(link, target);

        LogFileAccess.PrepareFile(link);

        Assert.That(File.GetUnixFileMode(target).HasFlag(UnixFileMode.OtherRead), Is.True, "a log linked to /dev/full must not chmod the device");
    }

    private static async Task<string> GroupOfAsync(string path)
    {
        var result = await ProcessRunner.RunAsync("stat", ["-c", "%G", path]);
        return result.Output.Trim();
    }
}
