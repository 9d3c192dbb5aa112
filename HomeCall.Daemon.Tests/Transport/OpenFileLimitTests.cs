using HomeCall.Daemon.Config;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class OpenFileLimitTests
{
    private const string Limits =
        "Limit                     Soft Limit           Hard Limit           Units     \n" +
        "Max processes             96343                96343                processes \n" +
        "Max open files            20000                524288               files     \n" +
        "Max locked memory         8388608              8388608              bytes     \n";

    [Test]
    public void Parse_ProcLimits_ReturnsSoftOpenFileLimit()
    {
        Assert.That(OpenFileLimit.Parse(Limits), Is.EqualTo(20000));
    }

    [Test]
    public void Parse_Unlimited_ReturnsNull()
    {
        Assert.That(OpenFileLimit.Parse("Max open files            unlimited            unlimited            files\n"), Is.Null);
    }

    [Test]
    public void Parse_NoOpenFilesRow_ReturnsNull()
    {
        Assert.That(OpenFileLimit.Parse("Max processes 1 1 processes\n"), Is.Null);
    }

    [Test]
    public void Needed_Settings_AddsConnectionsPendingAndReserve()
    {
        var options = new DaemonOptions { MaxConnections = 10000, MaxPendingHandshakes = 1000 };

        Assert.That(OpenFileLimit.Needed(options), Is.EqualTo(11000 + OpenFileLimit.Reserve));
    }

    [Test]
    public void Current_OnLinux_ReadsThisProcessLimit()
    {
        Assert.That(OpenFileLimit.Current(), Is.GreaterThan(0));
    }
}
