using System.Collections;
using System.Runtime.Versioning;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hosting;

/// <summary>`homecall fingerprint`: the dialect a room's form implies, and the key it reads but never makes.</summary>
[SupportedOSPlatform("linux")]
public sealed class FingerprintCommandTests
{
    private const string SessionId = "3F2504E0-4F89-11D3-9A0C-0305E82C3301";

    [TestCase(SessionId)]
    [TestCase("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    public void DialectFor_UuidWithoutDialect_Session(string room)
    {
        Assert.That(FingerprintCommand.DialectFor(room, null), Is.EqualTo(Dialect.Session));
    }

    [TestCase("garden")]
    [TestCase("4821")]
    [TestCase("3f2504e0-4f89-11d3-9a0c-0305e82c330")]
    [TestCase("3f2504e0x4f89-11d3-9a0c-0305e82c3301")]
    public void DialectFor_NotAUuidWithoutDialect_Homecall(string room)
    {
        Assert.That(FingerprintCommand.DialectFor(room, null), Is.EqualTo(Dialect.Homecall));
    }

    [Test]
    public void DialectFor_DialectGiven_Wins()
    {
        Assert.That(FingerprintCommand.DialectFor(SessionId, Dialect.Homecall), Is.EqualTo(Dialect.Homecall));
        Assert.That(FingerprintCommand.DialectFor("4821", Dialect.Numeric), Is.EqualTo(Dialect.Numeric));
    }

    [Test]
    public void Run_UuidWithoutDialect_PrintsTheSessionFingerprint()
    {
        var dir = Directory.CreateTempSubdirectory("homecall-key-");
        try
        {
            var keyFile = Path.Combine(dir.FullName, "fingerprint.key");
            TestFingerprints.WriteKeyFile(keyFile);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var exit = FingerprintCommand.Run(CommandLine.Parse(["fingerprint", SessionId]), new DaemonOptions { FingerprintKeyFile = keyFile }, new Hashtable(), stdout, stderr);

            Assert.That(exit, Is.Zero, stderr.ToString());
            Assert.That(stdout.ToString(), Is.EqualTo(TestFingerprints.Of(Dialect.Session, SessionId) + Environment.NewLine));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void Run_NoPlaceForTheKey_Exits78SayingSo()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = FingerprintCommand.Run(CommandLine.Parse(["fingerprint", "garden"]), new DaemonOptions(), new Hashtable(), stdout, stderr);

        Assert.That(exit, Is.EqualTo(78));
        Assert.That(stdout.ToString(), Is.Empty);
        Assert.That(stderr.ToString(), Is.EqualTo("homecall: " + FingerprintKeyPath.NoDefault + Environment.NewLine));
    }
}
