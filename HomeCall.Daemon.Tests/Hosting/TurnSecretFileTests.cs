using System.Text;
using HomeCall.Daemon.Hosting;

namespace HomeCall.Daemon.Tests.Hosting;

public sealed class TurnSecretFileTests
{
    private const string Path = "/etc/homecall/turn-secret";

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
}
