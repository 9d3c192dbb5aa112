using System.Globalization;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// Reads the watchdog request as sd_watchdog_enabled(3) does: <c>WATCHDOG_USEC</c> is the
/// timeout in microseconds and <c>WATCHDOG_PID</c>, when present, names the process that
/// must ping. The daemon pings at half the timeout, as systemd.service(5) recommends.
/// </summary>
internal static class WatchdogSetting
{
    private const ulong MaxMicroseconds = long.MaxValue / TimeSpan.TicksPerMicrosecond;

    /// <summary>The ping period, or null when no watchdog is requested of this process.</summary>
    public static TimeSpan? PingInterval(string? microseconds, string? pid, int ownPid)
    {
        if (!ulong.TryParse(microseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var usec)
            || usec == 0 || usec > MaxMicroseconds)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(pid)
            && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var target) || target != ownPid))
        {
            return null;
        }

        return TimeSpan.FromTicks((long)usec * TimeSpan.TicksPerMicrosecond / 2);
    }
}
