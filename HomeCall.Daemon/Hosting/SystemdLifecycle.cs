using System.Globalization;
using System.Net;
using Serilog;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// The daemon's side of <c>Type=notify</c> (systemd.service(5)): <c>READY=1</c> once the
/// listener is bound, <c>STATUS=</c> with the counts while running, <c>WATCHDOG=1</c> every
/// half <c>WATCHDOG_USEC</c>, <c>RELOADING=1</c> with <c>MONOTONIC_USEC=</c> then <c>READY=1</c>
/// around a reload (for <c>Type=notify-reload</c>, and <c>Type=notify</c> with <c>ExecReload=</c>),
/// <c>STOPPING=1</c> when shutdown begins.
/// </summary>
internal sealed class SystemdLifecycle : IDisposable
{
    /// <summary>How often the STATUS line is refreshed (sent only when it changed).</summary>
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);

    private const double MicrosPerSecond = 1_000_000;

    private readonly SystemdNotifier _notifier;
    private readonly Func<(int Connections, int Rooms)> _counts;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private ITimer? _statusTimer;
    private ITimer? _watchdogTimer;
    private string _endpoint = "";
    private string? _lastStatus;
    private int _failureReported;

    public SystemdLifecycle(SystemdNotifier notifier, Func<(int Connections, int Rooms)> counts, TimeProvider time, ILogger log)
    {
        _notifier = notifier;
        _counts = counts;
        _time = time;
        _log = log.ForContext<SystemdLifecycle>();
    }

    /// <summary>Tells systemd the listener accepts connections, and starts the status and watchdog timers.</summary>
    public void Ready(IPEndPoint endpoint)
    {
        _endpoint = endpoint.ToString();
        var status = CurrentStatus();
        lock (_gate)
        {
            _lastStatus = status;
        }

        Send("READY=1\nSTATUS=" + status, "READY");
        _statusTimer = _time.CreateTimer(_ => RefreshStatus(), null, StatusInterval, StatusInterval);
        if (_notifier.WatchdogInterval is { } interval)
        {
            _log.Information("systemd watchdog enabled: pinging every {WatchdogIntervalMs} ms", interval.TotalMilliseconds);
            _watchdogTimer = _time.CreateTimer(_ => PingWatchdog(), null, interval, interval);
        }
    }

    /// <summary>
    /// A reload begins. sd_notify(3): MONOTONIC_USEC is CLOCK_MONOTONIC in microseconds, which
    /// the system TimeProvider's timestamps are (Stopwatch) and by which systemd tells this
    /// reload from an older one.
    /// </summary>
    public void Reloading()
    {
        var micros = _time.GetTimestamp() / (double)_time.TimestampFrequency * MicrosPerSecond;
        Send(string.Create(CultureInfo.InvariantCulture, $"RELOADING=1\nMONOTONIC_USEC={(long)micros}\nSTATUS=Reloading settings"), "RELOADING");
    }

    /// <summary>The reload is done (applied or refused): ready again, with the current status.</summary>
    public void Reloaded()
    {
        var status = CurrentStatus();
        lock (_gate)
        {
            _lastStatus = status;
        }

        Send("READY=1\nSTATUS=" + status, "READY");
    }

    /// <summary>Tells systemd the stop has begun; the watchdog keeps pinging while connections drain.</summary>
    public void Stopping(int connections)
    {
        _statusTimer?.Dispose();
        Send(string.Create(CultureInfo.InvariantCulture, $"STOPPING=1\nSTATUS=Shutting down, closing {connections} connections"), "STOPPING");
    }

    public void Dispose()
    {
        _statusTimer?.Dispose();
        _watchdogTimer?.Dispose();
    }

    /// <summary>
    /// Reads the counts (the connection tracker's and the room registry's locks) before
    /// pinging, so a daemon stuck on either stops pinging and systemd restarts it.
    /// </summary>
    private void PingWatchdog()
    {
        _counts();
        Send("WATCHDOG=1", "WATCHDOG");
    }

    private void RefreshStatus()
    {
        var status = CurrentStatus();
        lock (_gate)
        {
            if (status == _lastStatus)
            {
                return;
            }

            _lastStatus = status;
        }

        Send("STATUS=" + status, "STATUS");
    }

    private string CurrentStatus()
    {
        var (connections, rooms) = _counts();
        return string.Create(CultureInfo.InvariantCulture, $"Listening on {_endpoint}: {connections} connections, {rooms} rooms");
    }

    private void Send(string state, string what)
    {
        if (_notifier.Send(state) is { } error && Interlocked.Exchange(ref _failureReported, 1) == 0)
        {
            // Reported once: a manager that went away would otherwise flood the log every ping.
            _log.Warning("systemd notification {Notification} not delivered ({SocketError}); further failures are not logged", what, error);
        }
    }
}
