using HomeCall.Daemon.Logging;

namespace HomeCall.Daemon.Tests.Logging;

public sealed class LogDirectoryProbeTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("homecall-probe-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Problem_FileWhereADirectoryAboveShouldBe_NamesThatFile()
    {
        var blocker = Path.Combine(_dir, "logs");
        File.WriteAllText(blocker, "");

        Assert.That(LogDirectoryProbe.Problem(Path.Combine(blocker, "homecall")), Is.EqualTo($"{blocker} exists and is a file, not a directory"));
    }

    [Test]
    public void Problem_LogDirIsAFile_NamesIt()
    {
        var blocker = Path.Combine(_dir, "homecall");
        File.WriteAllText(blocker, "");

        Assert.That(LogDirectoryProbe.Problem(blocker), Is.EqualTo($"{blocker} exists and is a file, not a directory"));
    }

    [Test]
    public void Problem_Writable_NullAndCreated()
    {
        var dir = Path.Combine(_dir, "a", "b");

        Assert.That(LogDirectoryProbe.Problem(dir), Is.Null);
        Assert.That(Directory.Exists(dir), Is.True);
        Assert.That(Directory.GetFileSystemEntries(dir), Is.Empty, "the probe file is removed");
    }
}
