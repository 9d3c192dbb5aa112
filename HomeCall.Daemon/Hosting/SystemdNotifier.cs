using System.Collections;
using System.Net.Sockets;
using System.Text;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// Sends sd_notify(3) state lines (<c>READY=1</c>, <c>STATUS=…</c>, <c>WATCHDOG=1</c>,
/// <c>STOPPING=1</c>) to the service manager over <c>$NOTIFY_SOCKET</c>, one datagram
/// per call, written with the base library (no systemd package is served here).
/// </summary>
internal sealed class SystemdNotifier : IDisposable
{
    public const string SocketVariable = "NOTIFY_SOCKET";
    public const string WatchdogUsecVariable = "WATCHDOG_USEC";
    public const string WatchdogPidVariable = "WATCHDOG_PID";

    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _target;

    public SystemdNotifier(UnixDomainSocketEndPoint target, TimeSpan? watchdogInterval)
    {
        _target = target;
        WatchdogInterval = watchdogInterval;
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified)
        {
            // A stuck service manager must never stall the daemon: a full queue drops the line.
            Blocking = false,
        };
    }

    /// <summary>Half of WATCHDOG_USEC when the manager expects pings from this process.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>The notifier systemd asked for, or null outside systemd (no NOTIFY_SOCKET: nothing changes).</summary>
    public static SystemdNotifier? FromEnvironment(IDictionary environment, int ownPid)
    {
        var target = NotifySocketAddress.Parse(environment[SocketVariable] as string);
        if (target is null)
        {
            return null;
        }

        var watchdog = WatchdogSetting.PingInterval(
            environment[WatchdogUsecVariable] as string, environment[WatchdogPidVariable] as string, ownPid);
        return new SystemdNotifier(target, watchdog);
    }

    /// <summary>Sends newline-separated assignments; returns the socket error, or null when sent.</summary>
    public SocketError? Send(string state)
    {
        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _target);
            return null;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode;
        }
        catch (ObjectDisposedException)
        {
            return SocketError.Shutdown;
        }
    }

    public void Dispose() => _socket.Dispose();
}
