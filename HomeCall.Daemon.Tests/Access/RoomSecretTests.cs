using System.Text;
using HomeCall.Daemon.Access;
using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Access;

/// <summary>ROOM_SECRET and ROOM_SECRET_FILE (README "Private rooms"): read at start and by every reload, compared by content.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RoomSecretTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("homecall-roomsecret-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private string SecretFile(string text, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.Combine(_dir, "room.secret");
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Test]
    public void FromOptions_NeitherSet_Off() =>
        Assert.That(RoomSecret.FromOptions(new DaemonOptions()).IsSet, Is.False);

    [Test]
    public void FromOptions_Setting_ItsUtf8Bytes() =>
        Assert.That(RoomSecret.FromOptions(new DaemonOptions { RoomSecret = "ключ-0123456789ab" }).Key, Is.EqualTo(Encoding.UTF8.GetBytes("ключ-0123456789ab")));

    [Test]
    public void FromOptions_FileWithTrailingNewline_LineWithoutIt()
    {
        var path = SecretFile("0123456789abcdef0123\r\n", UnixFileMode.UserRead | UnixFileMode.GroupRead);

        Assert.That(RoomSecret.FromOptions(new DaemonOptions { RoomSecretFile = path }).Key, Is.EqualTo("0123456789abcdef0123"u8.ToArray()));
    }

    [Test]
    public void FromOptions_FileTooShortMissingOrOpenToOthers_RefusedNamingIt()
    {
        var shortFile = SecretFile("short\n");
        var missing = Path.Combine(_dir, "missing");

        Assert.That(() => RoomSecret.FromOptions(new DaemonOptions { RoomSecretFile = shortFile }), Throws.TypeOf<RoomSecretException>().With.Message.Contains("at least 16 characters"));
        Assert.That(() => RoomSecret.FromOptions(new DaemonOptions { RoomSecretFile = missing }), Throws.TypeOf<RoomSecretException>().With.Message.StartsWith($"ROOM_SECRET_FILE {missing} cannot be read"));
        var open = SecretFile("0123456789abcdef0123", UnixFileMode.UserRead | UnixFileMode.OtherRead);
        Assert.That(() => RoomSecret.FromOptions(new DaemonOptions { RoomSecretFile = open }), Throws.TypeOf<RoomSecretException>().With.Message.EqualTo($"ROOM_SECRET_FILE {open} is open to others: chmod o= {open}"));
    }

    [Test]
    public void SameAs_SameOrOtherKeyOrOff_ComparedByContent()
    {
        var secret = new RoomSecret("0123456789abcdef"u8.ToArray());

        Assert.That(secret.SameAs(new RoomSecret("0123456789abcdef"u8.ToArray())), Is.True);
        Assert.That(secret.SameAs(new RoomSecret("0123456789abcdeF"u8.ToArray())), Is.False);
        Assert.That(secret.SameAs(new RoomSecret(null)), Is.False);
        Assert.That(new RoomSecret(null).SameAs(new RoomSecret(null)), Is.True);
    }
}
