using System.Collections;
using System.Net.Sockets;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hosting;

public sealed class SystemdNotifierTests
{
    [Test]
    public void FromEnvironment_NoNotifySocket_Null()
    {
        // Outside systemd nothing changes: no notifier, no socket, no timers.
        Assert.That(SystemdNotifier.FromEnvironment(new Hashtable { ["WATCHDOG_USEC"] = "1000000" }, 1), Is.Null);
    }

    [Test]
    public async Task Send_PathSocket_DatagramArrives()
    {
        using var manager = NotifySocket.InTempDirectory();
        using var notifier = SystemdNotifier.FromEnvironment(new Hashtable { ["NOTIFY_SOCKET"] = manager.Address }, 1);

        Assert.That(notifier!.Send("READY=1\nSTATUS=up"), Is.Null);
        Assert.That(await manager.ReceiveAsync(), Is.EqualTo("READY=1\nSTATUS=up"));
    }

    [Test]
    public async Task Send_AbstractSocket_DatagramArrives()
    {
        using var manager = NotifySocket.Abstract();
        using var notifier = SystemdNotifier.FromEnvironment(new Hashtable { ["NOTIFY_SOCKET"] = manager.Address }, 1);

        Assert.That(notifier!.Send("WATCHDOG=1"), Is.Null);
        Assert.That(await manager.ReceiveAsync(), Is.EqualTo("WATCHDOG=1"));
    }

    [Test]
    public void FromEnvironment_WatchdogForThisPid_HalfTheTimeout()
    {
        using var notifier = SystemdNotifier.FromEnvironment(
            new Hashtable { ["NOTIFY_SOCKET"] = "@x", ["WATCHDOG_USEC"] = "20000000", ["WATCHDOG_PID"] = "77" }, 77);

        Assert.That(notifier!.WatchdogInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Send_NobodyListening_ReturnsErrorInsteadOfThrowing()
    {
        using var notifier = new SystemdNotifier(new UnixDomainSocketEndPoint("\0homecall-nobody-" + Guid.NewGuid().ToString("N")), null);

        Assert.That(notifier.Send("READY=1"), Is.EqualTo(SocketError.ConnectionRefused));
    }
}
