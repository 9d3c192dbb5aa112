using System.Net;

namespace HomeCall.Daemon.Transport;

/// <summary>Counts open WebSocket connections in total and per client IP (MAX_CONNECTIONS, MAX_CONNECTIONS_PER_IP).</summary>
internal sealed class ConnectionTracker(int maxTotal, int maxPerIp)
{
    private int _maxTotal = maxTotal;
    private int _maxPerIp = maxPerIp;
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perIp = [];
    private int _total;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Takes a slot, or returns the reason it could not.</summary>
    public string? TryAcquire(IPAddress ip)
    {
        lock (_gate)
        {
            if (_total >= _maxTotal)
            {
                return "connection-limit";
            }

            _perIp.TryGetValue(ip, out var n);
            if (n >= _maxPerIp)
            {
                return "per-ip-limit";
            }

            _perIp[ip] = n + 1;
            _total++;
            return null;
        }
    }

    /// <summary>A reload's limits: open connections over a lowered limit stay; new ones wait until the count is under it.</summary>
    public void SetLimits(int total, int perIp)
    {
        lock (_gate)
        {
            _maxTotal = total;
            _maxPerIp = perIp;
        }
    }

    public void Release(IPAddress ip)
    {
        lock (_gate)
        {
            _total--;
            if (_perIp.TryGetValue(ip, out var n) && n > 1)
            {
                _perIp[ip] = n - 1;
            }
            else
            {
                _perIp.Remove(ip);
            }
        }
    }
}
