using System.Diagnostics;
using System.Net.Http;
using System.Text.RegularExpressions;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hosting;

/// <summary>
/// The built <c>homecall</c> executable in its own process, driven the way systemd drives a
/// <c>Type=notify</c> service: NOTIFY_SOCKET and WATCHDOG_USEC in the environment, SIGTERM to stop.
/// </summary>
public sealed partial class SystemdServiceTests
{
    private static readonly TimeSpan WatchdogHalf = TimeSpan.FromMilliseconds(200);

    [Test]
    public async Task Process_UnderNotifySocket_ReadyWatchdogThenStoppingOnSigterm()
    {
        using var manager = NotifySocket.Abstract();
        var clock = Stopwatch.StartNew();
        using var daemon = DaemonProcess.Start(["--host", "127.0.0.1", "--port", "0"], new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = manager.Address,
            ["WATCHDOG_USEC"] = ((long)WatchdogHalf.TotalMicroseconds * 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var ready = await manager.ReceiveContainingAsync("READY=1", TimeSpan.FromSeconds(30));
        var port = int.Parse(ListeningPort().Match(ready).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        using (var http = new HttpClient())
        {
            var health = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
            Assert.That((int)health.StatusCode, Is.EqualTo(200), "not serving when READY=1 arrived");
        }

        await manager.ReceiveContainingAsync("WATCHDOG=1");
        await manager.ReceiveContainingAsync("WATCHDOG=1");

        await SystemTools.SignalAsync(daemon.Pid, "TERM");
        Assert.That(await manager.ReceiveContainingAsync("STOPPING=1"), Does.Contain("STATUS=Shutting down"));
        Assert.That(await daemon.WaitForExitAsync(), Is.Zero, daemon.Output);
        AssertNoFasterThanHalfTimeout(manager, clock.Elapsed);
    }

    [Test]
    public async Task Process_WatchdogPidOfAnotherProcess_NoPings()
    {
        using var manager = NotifySocket.InTempDirectory();
        using var daemon = DaemonProcess.Start(["--host", "127.0.0.1", "--port", "0"], new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = manager.Address,
            ["WATCHDOG_USEC"] = "1000",
            ["WATCHDOG_PID"] = "1",
        });
        await manager.ReceiveContainingAsync("READY=1", TimeSpan.FromSeconds(30));

        await SystemTools.SignalAsync(daemon.Pid, "TERM");
        await manager.ReceiveContainingAsync("STOPPING=1");
        Assert.That(await daemon.WaitForExitAsync(), Is.Zero, daemon.Output);

        // A 1 ms watchdog for this process would have queued hundreds of pings by now.
        Assert.That(manager.Drain(), Has.None.Contains("WATCHDOG=1"));
    }

    /// <summary>
    /// Timers never fire early, so however slow this machine is, the process cannot have
    /// pinged more than once per half timeout since it started (exact spacing: SystemdLifecycleTests).
    /// </summary>
    private static void AssertNoFasterThanHalfTimeout(NotifySocket manager, TimeSpan sinceStart)
    {
        manager.Drain();
        var pings = manager.History.Count(d => d.Split('\n').Contains("WATCHDOG=1"));
        Assert.That(pings, Is.InRange(2, (int)(sinceStart / WatchdogHalf) + 1));
    }

    [GeneratedRegex(@"STATUS=Listening on 127\.0\.0\.1:(\d+):")]
    private static partial Regex ListeningPort();
}
