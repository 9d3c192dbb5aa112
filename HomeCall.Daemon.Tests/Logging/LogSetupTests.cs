using HomeCall.Daemon.Config;
using HomeCall.Daemon.Logging;
using Serilog;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.Logging;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LogSetupTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("homecall-logs-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [TestCase("verbose", LogEventLevel.Verbose)]
    [TestCase("debug", LogEventLevel.Debug)]
    [TestCase("information", LogEventLevel.Information)]
    [TestCase("warning", LogEventLevel.Warning)]
    [TestCase("error", LogEventLevel.Error)]
    [TestCase("fatal", LogEventLevel.Fatal)]
    public void ParseLevel_BoundLevelName_ReturnsSerilogLevel(string name, LogEventLevel level)
    {
        Assert.That(LogSetup.ParseLevel(name), Is.EqualTo(level));
    }

    [Test]
    public void Create_LogDirWritable_WritesDailyFileWithTemplate()
    {
        var options = new DaemonOptions { LogDir = Path.Combine(_dir, "sub"), LogLevel = "debug" };

        using (var logger = LogSetup.Create(options, Stream.Null, TextWriter.Null, out var problem))
        {
            Assert.That(problem, Is.Null);
            logger.Debug("Member joined {Room} ({Count}/{Capacity})", "ab12cd34", 2, 16);
            logger.ForContext("ConnectionId", "c7").Information("Connection opened");
        }

        var file = Directory.GetFiles(Path.Combine(_dir, "sub"), "homecall-*.log").Single();
        var lines = File.ReadAllLines(file);
        Assert.That(Path.GetFileName(file), Does.Match(@"^homecall-\d{8}\.log$"));
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d \[DBG\] - Member joined ab12cd34 \(2/16\)$"));
        Assert.That(lines[1], Does.EndWith(" [INF] c7 Connection opened"));
    }

    [Test]
    public void Create_LevelWarning_DropsInformation()
    {
        var options = new DaemonOptions { LogDir = _dir, LogLevel = "warning" };

        using (var logger = LogSetup.Create(options, Stream.Null, TextWriter.Null, out _))
        {
            logger.Information("not written");
            logger.Warning("written");
        }

        var text = File.ReadAllText(Directory.GetFiles(_dir, "homecall-*.log").Single());
        Assert.That(text, Does.Contain("written").And.Not.Contain("not written"));
    }

    [Test]
    public void Create_LogDirUnusable_ReportsProblemAndStillLogs()
    {
        // A directory cannot be created below a regular file, whoever runs the test (root included).
        var blocker = Path.Combine(_dir, "file");
        File.WriteAllText(blocker, "");
        var options = new DaemonOptions { LogDir = Path.Combine(blocker, "logs") };

        string? problem;
        using var stdout = new MemoryStream();
        using (var logger = LogSetup.Create(options, stdout, TextWriter.Null, out problem))
        {
            logger.Information("console still works");
        }

        Assert.That(problem, Is.Not.Null.And.Not.Empty);
        Assert.That(System.Text.Encoding.UTF8.GetString(stdout.ToArray()), Does.Contain("[INF]").And.Contain("console still works"));
        Assert.That(Directory.GetFileSystemEntries(_dir), Is.EqualTo(new[] { blocker }), "no log file anywhere");
    }

    [Test]
    public void Create_NoLogDir_ReportsNoProblem()
    {
        using var logger = LogSetup.Create(new DaemonOptions(), Stream.Null, TextWriter.Null, out var problem);

        Assert.That(problem, Is.Null);
    }
}
