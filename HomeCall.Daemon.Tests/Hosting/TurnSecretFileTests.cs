using System.Text;
using HomeCall.Daemon.Hosting;

namespace HomeCall.Daemon.Tests.Hosting;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TurnSecretFileTests
{
    private const string Path = "/etc/homecall/turn-secret";

    private string _dir = "";

    [SetUp]
    public void MakeDirectory() => _dir = Directory.CreateTempSubdirectory("homecall-turn-file-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    private static string? Read(string content, out string problem) =>
        TurnSecretFile.Read(Path, _ => Encoding.UTF8.GetBytes(content), out problem);

    [TestCase("north-wind", "north-wind")]
    [TestCase("north-wind\n", "north-wind")]
    [TestCase("north-wind\r\n", "north-wind")]
    [TestCase(" spaced secret ", " spaced secret ")]
    public void Read_OneLine_TheLineWithoutItsLineBreak(string content, string secret)
    {
        Assert.That(Read(content, out var problem), Is.EqualTo(secret));
        Assert.That(problem, Is.Empty);
    }

    [TestCase("", "is empty")]
    [TestCase("\n", "is empty")]
    [TestCase("north\nwind\n", "more than one line")]
    public void Read_NotOneLine_NullWithAProblemNamingTheFileNotTheContent(string content, string problem)
    {
        Assert.That(Read(content, out var said), Is.Null);
        Assert.That(said, Does.StartWith("TURN_SECRET_FILE " + Path + " ").And.Contain(problem));
        Assert.That(said, Does.Not.Contain("north"));
    }

    [Test]
    public void Read_NotUtf8_NullSayingWhatItMustBe()
    {
        Assert.That(TurnSecretFile.Read(Path, _ => [0xff, 0xfe, 0x00], out var problem), Is.Null);
        Assert.That(problem, Does.Contain("one line of UTF-8 text"));
    }

    [Test]
    public void Read_MissingFile_NullNamingTheFile()
    {
        var missing = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Guid.NewGuid().ToString("N"), "turn-secret");

        Assert.That(TurnSecretFile.Read(missing, File.ReadAllBytes, out var problem), Is.Null);
        Assert.That(problem, Does.StartWith($"TURN_SECRET_FILE {missing} cannot be read: "));
    }

    [TestCase(UnixFileMode.OtherRead)]
    [TestCase(UnixFileMode.OtherWrite)]
    public void Read_FileOpenToOthers_NullSayingHowToCloseIt(UnixFileMode others)
    {
        var file = WriteSecret(UnixFileMode.UserRead | UnixFileMode.UserWrite | others);

        Assert.That(TurnSecretFile.Read(file, File.ReadAllBytes, out var problem), Is.Null);
        Assert.That(problem, Is.EqualTo($"TURN_SECRET_FILE {file} is open to others: chmod o= {file}"));
    }

    [Test]
    public void Read_FileReadableByGroup_Accepted()
    {
        var file = WriteSecret(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Assert.That(TurnSecretFile.Read(file, File.ReadAllBytes, out var problem), Is.EqualTo("north-wind"));
        Assert.That(problem, Is.Empty);
    }

    private string WriteSecret(UnixFileMode mode)
    {
        var file = System.IO.Path.Combine(_dir, "turn-secret");
        File.WriteAllText(file, "north-wind\n");
        File.SetUnixFileMode(file, mode);
        return file;
    }
}
