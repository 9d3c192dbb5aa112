using HomeCall.Daemon.Hosting;

namespace HomeCall.Daemon.Tests.Hosting;

public sealed class WatchdogSettingTests
{
    private const int OwnPid = 4242;

    [Test]
    public void PingInterval_ThirtySecondTimeout_FifteenSeconds()
    {
        Assert.That(WatchdogSetting.PingInterval("30000000", null, OwnPid), Is.EqualTo(TimeSpan.FromSeconds(15)));
    }

    [Test]
    public void PingInterval_OddMicroseconds_ExactHalf()
    {
        Assert.That(WatchdogSetting.PingInterval("3", null, OwnPid), Is.EqualTo(TimeSpan.FromTicks(15)));
    }

    [Test]
    public void PingInterval_WatchdogPidIsOurs_Interval()
    {
        Assert.That(WatchdogSetting.PingInterval("1000000", "4242", OwnPid), Is.EqualTo(TimeSpan.FromMilliseconds(500)));
    }

    [Test]
    public void PingInterval_WatchdogPidIsAnotherProcess_Null()
    {
        // sd_watchdog_enabled(3): the request is for that process only (e.g. a parent shell).
        Assert.That(WatchdogSetting.PingInterval("1000000", "1", OwnPid), Is.Null);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("10s")]
    [TestCase("18446744073709551615")]
    public void PingInterval_NoUsableTimeout_Null(string? usec)
    {
        Assert.That(WatchdogSetting.PingInterval(usec, null, OwnPid), Is.Null);
    }

    [Test]
    public void PingInterval_MalformedWatchdogPid_Null()
    {
        Assert.That(WatchdogSetting.PingInterval("1000000", "me", OwnPid), Is.Null);
    }
}
