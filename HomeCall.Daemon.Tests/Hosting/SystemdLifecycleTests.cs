using System.Net;
using System.Net.Sockets;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog;

namespace HomeCall.Daemon.Tests.Hosting;

/// <summary>What reaches the manager's socket, with time moved by hand (datagrams are queued synchronously).</summary>
public sealed class SystemdLifecycleTests
{
    private static readonly IPEndPoint Endpoint = new(IPAddress.Loopback, 8080);
    private static readonly TimeSpan Half = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _time = new();
    private readonly CapturingSink _logs = new();
    private (int Connections, int Rooms) _counts;

    [Test]
    public void Ready_Listening_ReadyWithEndpointAndCounts()
    {
        _counts = (3, 2);
        using var manager = NotifySocket.Abstract();
        using var notifier = new SystemdNotifier(manager.Endpoint, Half);
        using var lifecycle = Create(notifier);

        lifecycle.Ready(Endpoint);

        Assert.That(Received(manager), Is.EqualTo("READY=1\nSTATUS=Listening on 127.0.0.1:8080: 3 connections, 2 rooms"));
    }

    [Test]
    public void Ready_WatchdogRequested_PingsEveryHalfTimeoutAndNotBefore()
    {
        using var manager = NotifySocket.Abstract();
        using var notifier = new SystemdNotifier(manager.Endpoint, Half);
        using var lifecycle = Create(notifier);
        lifecycle.Ready(Endpoint);
        manager.Drain();

        _time.Advance(Half - TimeSpan.FromTicks(1));
        Assert.That(Received(manager), Is.Empty);

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.That(Received(manager), Is.EqualTo("WATCHDOG=1"));

        _time.Advance(Half * 4);
        Assert.That(manager.Drain().Count(d => d == "WATCHDOG=1"), Is.EqualTo(4));
    }

    [Test]
    public void Watchdog_Ping_ReadsTheCountsFirst()
    {
        // The counts take the tracker's and the registry's locks: a daemon stuck on one
        // blocks here and stops pinging, and systemd restarts it.
        using var manager = NotifySocket.Abstract();
        var interval = SystemdLifecycle.StatusInterval / 2;
        using var notifier = new SystemdNotifier(manager.Endpoint, interval);
        var readsBeforePing = 0;
        using var lifecycle = new SystemdLifecycle(
            notifier,
            () =>
            {
                readsBeforePing += manager.HasPending ? 0 : 1;
                return _counts;
            },
            _time,
            new LoggerConfiguration().CreateLogger());
        lifecycle.Ready(Endpoint);
        manager.Drain();
        readsBeforePing = 0;

        _time.Advance(interval);

        Assert.That(Received(manager), Is.EqualTo("WATCHDOG=1"));
        Assert.That(readsBeforePing, Is.EqualTo(1));
    }

    [Test]
    public void Ready_NoWatchdogRequested_NeverPings()
    {
        using var manager = NotifySocket.Abstract();
        using var notifier = new SystemdNotifier(manager.Endpoint, null);
        using var lifecycle = Create(notifier);
        lifecycle.Ready(Endpoint);

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.That(manager.Drain(), Has.None.Contains("WATCHDOG"));
    }

    [Test]
    public void StatusTimer_CountsChanged_SendsNewStatusOnce()
    {
        using var manager = NotifySocket.Abstract();
        using var notifier = new SystemdNotifier(manager.Endpoint, null);
        using var lifecycle = Create(notifier);
        lifecycle.Ready(Endpoint);
        manager.Drain();

        _counts = (2, 1);
        _time.Advance(SystemdLifecycle.StatusInterval * 3);

        Assert.That(Received(manager), Is.EqualTo("STATUS=Listening on 127.0.0.1:8080: 2 connections, 1 rooms"));
    }

    [Test]
    public void Stopping_ShutdownBegins_StoppingWithStatus()
    {
        using var manager = NotifySocket.Abstract();
        using var notifier = new SystemdNotifier(manager.Endpoint, null);
        using var lifecycle = Create(notifier);
        lifecycle.Ready(Endpoint);
        manager.Drain();

        lifecycle.Stopping(5);

        Assert.That(Received(manager), Is.EqualTo("STOPPING=1\nSTATUS=Shutting down, closing 5 connections"));
    }

    [Test]
    public void Reloading_ThenReloaded_ReloadingWithMonotonicMicrosThenReady()
    {
        _counts = (4, 1);
        using var manager = NotifySocket.Abstract();
        using var notifier = new SystemdNotifier(manager.Endpoint, null);
        using var lifecycle = Create(notifier);
        lifecycle.Ready(Endpoint);
        manager.Drain();
        _time.Advance(TimeSpan.FromSeconds(3));
        var micros = _time.GetTimestamp() * 1_000_000 / _time.TimestampFrequency;

        lifecycle.Reloading();
        lifecycle.Reloaded();

        // sd_notify(3): Type=notify-reload wants RELOADING=1 with MONOTONIC_USEC, then READY=1.
        Assert.That(Received(manager), Is.EqualTo(
            $"RELOADING=1\nMONOTONIC_USEC={micros}\nSTATUS=Reloading settings | READY=1\nSTATUS=Listening on 127.0.0.1:8080: 4 connections, 1 rooms"));
    }

    [Test]
    public void Send_ManagerGone_WarnsOnceAndKeepsRunning()
    {
        using var notifier = new SystemdNotifier(new UnixDomainSocketEndPoint("\0homecall-gone-" + Guid.NewGuid().ToString("N")), Half);
        using var lifecycle = Create(notifier);

        lifecycle.Ready(Endpoint);
        _time.Advance(Half * 3);
        lifecycle.Stopping(0);

        Assert.That(_logs.Lines.Count(l => l.Contains("not delivered", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    /// <summary>Every queued datagram, joined with " | " so a failure shows them all.</summary>
    private static string Received(NotifySocket manager) => string.Join(" | ", manager.Drain());

    private SystemdLifecycle Create(SystemdNotifier notifier) =>
        new(notifier, () => _counts, _time, new LoggerConfiguration().WriteTo.Sink(_logs).CreateLogger());
}
