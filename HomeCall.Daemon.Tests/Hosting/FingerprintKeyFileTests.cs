using System.Runtime.Versioning;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hosting;

/// <summary>The key file: created once with mode 0600 in a 0700 directory, reused after, refused when unsafe or malformed.</summary>
[SupportedOSPlatform("linux")]
public sealed class FingerprintKeyFileTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;
    private const int RaceRounds = 200;
    private const int RaceStarts = 4;

    private string _root = "";

    private string KeyPath => Path.Combine(_root, "state", "homecall", "fingerprint.key");

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("homecall-key-").FullName;

    [TearDown]
    public void RemoveRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void LoadOrCreate_NoFile_CreatesKeyMode0600InDirectory0700()
    {
        var key = FingerprintKeyFile.LoadOrCreate(KeyPath);

        Assert.That(key.Created, Is.True);
        Assert.That(key.Path, Is.EqualTo(KeyPath));
        Assert.That(File.GetUnixFileMode(KeyPath), Is.EqualTo(OwnerReadWrite));
        Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(KeyPath)!), Is.EqualTo(OwnerAll));
        Assert.That(File.ReadAllText(KeyPath), Does.Match("^[0-9a-f]{64}\n$"));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(KeyPath)!), Is.EqualTo(new[] { KeyPath }), "no temporary file left");
    }

    [Test]
    public void LoadOrCreate_SecondStart_ReusesTheKey()
    {
        var first = FingerprintKeyFile.LoadOrCreate(KeyPath);
        var text = File.ReadAllText(KeyPath);

        var second = FingerprintKeyFile.LoadOrCreate(KeyPath);

        Assert.That(second.Created, Is.False);
        Assert.That(File.ReadAllText(KeyPath), Is.EqualTo(text));
        Assert.That(second.Fingerprinter.Of(Dialect.Numeric, "4821"), Is.EqualTo(first.Fingerprinter.Of(Dialect.Numeric, "4821")));
    }

    [Test]
    public void LoadOrCreate_TwoInstalls_DifferentKeys()
    {
        var other = Path.Combine(_root, "other", "fingerprint.key");

        var a = FingerprintKeyFile.LoadOrCreate(KeyPath);
        var b = FingerprintKeyFile.LoadOrCreate(other);

        Assert.That(File.ReadAllText(other), Is.Not.EqualTo(File.ReadAllText(KeyPath)));
        Assert.That(b.Fingerprinter.Of(Dialect.Homecall, "garden"), Is.Not.EqualTo(a.Fingerprinter.Of(Dialect.Homecall, "garden")));
    }

    [Test]
    public void LoadOrCreate_ExistingKeyFile_UsesItsKey()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        TestFingerprints.WriteKeyFile(KeyPath);

        var key = FingerprintKeyFile.LoadOrCreate(KeyPath);

        Assert.That(key.Created, Is.False);
        Assert.That(key.Fingerprinter.Of(Dialect.Homecall, "garden"), Is.EqualTo(TestFingerprints.Of(Dialect.Homecall, "garden")));
    }

    [Test]
    public void LoadOrCreate_ManyStartsAtOnce_AllUseOneKey()
    {
        // Rounds of starts released together: a key written in place (not linked complete)
        // would be read half-written by one of them sooner or later.
        for (var round = 0; round < RaceRounds; round++)
        {
            var path = Path.Combine(_root, "race" + round.ToString(System.Globalization.CultureInfo.InvariantCulture), "fingerprint.key");
            using var gate = new Barrier(RaceStarts);
            var starts = Enumerable.Range(0, RaceStarts)
                .Select(_ => Task.Factory.StartNew(() => { gate.SignalAndWait(); return FingerprintKeyFile.LoadOrCreate(path); }, TaskCreationOptions.LongRunning))
                .ToArray();
            var keys = starts.Select(t => t.GetAwaiter().GetResult()).ToArray();

            Assert.That(keys.Select(k => k.Fingerprinter.Of(Dialect.Homecall, "garden")).Distinct().Count(), Is.EqualTo(1));
            Assert.That(keys.Count(k => k.Created), Is.EqualTo(1));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }), "no temporary file left");
        }
    }

    [TestCase("0640")]
    [TestCase("0604")]
    [TestCase("0620")]
    [TestCase("0644")]
    public void LoadOrCreate_OpenToGroupOrOthers_RefusedNamingFileAndMode(string octalMode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        TestFingerprints.WriteKeyFile(KeyPath);
        File.SetUnixFileMode(KeyPath, (UnixFileMode)Convert.ToInt32(octalMode, 8));

        var error = Assert.Throws<FingerprintKeyException>(() => FingerprintKeyFile.LoadOrCreate(KeyPath));

        Assert.That(error!.Message, Does.StartWith($"fingerprint key {KeyPath} is open to group or others (mode {octalMode}): it must be 0600"));
        Assert.That(error.Message, Does.Contain("chmod 600 " + KeyPath));
    }

    [TestCase("", 0)]
    [TestCase("0123\n", 5)]
    [TestCase("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n\n", 66)]
    [TestCase("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\r\n", 66)]
    [TestCase("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1g\n", 65)]
    [TestCase(" 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 65)]
    public void LoadOrCreate_NotAKey_RefusedAndLeftAlone(string content, int length)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        File.WriteAllText(KeyPath, content);
        File.SetUnixFileMode(KeyPath, OwnerReadWrite);

        var error = Assert.Throws<FingerprintKeyException>(() => FingerprintKeyFile.LoadOrCreate(KeyPath));

        Assert.That(error!.Message, Is.EqualTo($"fingerprint key {KeyPath} is not a fingerprint key: it must hold 64 hex digits and a newline (found {length} bytes)"));
        Assert.That(File.ReadAllText(KeyPath), Is.EqualTo(content), "a damaged key is never replaced: logs keyed with it would no longer match");
    }

    [Test]
    public void LoadOrCreate_UpperCaseHexWithoutNewline_Accepted()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        File.WriteAllText(KeyPath, Convert.ToHexString(TestFingerprints.Key));
        File.SetUnixFileMode(KeyPath, OwnerReadWrite);

        var key = FingerprintKeyFile.LoadOrCreate(KeyPath);

        Assert.That(key.Fingerprinter.Of(Dialect.Mesh, "hall"), Is.EqualTo(TestFingerprints.Of(Dialect.Mesh, "hall")));
    }

    [Test]
    public void LoadOrCreate_PathIsADirectory_RefusedAsUnreadable()
    {
        // Tests may run as root, whom file modes do not stop: a directory is unreadable to anyone.
        Directory.CreateDirectory(KeyPath);

        var error = Assert.Throws<FingerprintKeyException>(() => FingerprintKeyFile.LoadOrCreate(KeyPath));

        Assert.That(error!.Message, Does.StartWith($"fingerprint key {KeyPath} cannot be read: "));
    }

    [Test]
    public void LoadOrCreate_DirectoryCannotBeMade_RefusedAsNotCreatable()
    {
        var blocker = Path.Combine(_root, "state");
        File.WriteAllText(blocker, "a file where the directory should be");

        var error = Assert.Throws<FingerprintKeyException>(() => FingerprintKeyFile.LoadOrCreate(KeyPath));

        Assert.That(error!.Message, Does.StartWith($"fingerprint key {KeyPath} cannot be created: "));
    }

    [Test]
    public void Load_NoFile_RefusedAndNothingCreated()
    {
        var error = Assert.Throws<FingerprintKeyException>(() => FingerprintKeyFile.Load(KeyPath));

        Assert.That(error!.Message, Is.EqualTo($"no key at {KeyPath}: the daemon creates it on first start; run this as the daemon's user or with --key-file"));
        Assert.That(Directory.Exists(Path.Combine(_root, "state")), Is.False);
    }
}
