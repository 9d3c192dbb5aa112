using System.Net;

namespace HomeCall.Daemon.Ice;

/// <summary>
/// The per-IP request rate of GET /ice-servers (docs/security.md): each answer mints TURN
/// credentials, so one address gets at most <see cref="MaxPerMinute"/> a minute, counted in fixed
/// one-minute windows. The address is the client's as resolved through TRUSTED_PROXIES, so people
/// behind the Apache on this host are counted one by one.
/// </summary>
internal sealed class IceRequestLimiter(TimeProvider time)
{
    /// <summary>A client needs one answer per call (and one per refresh); a page reloading a few times stays far below.</summary>
    public const int MaxPerMinute = 30;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, (DateTimeOffset Start, int Count)> _windows = [];
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    /// <summary>True (and counted) when <paramref name="ip"/> may have one more answer now; else the seconds until it may.</summary>
    public bool TryTake(IPAddress ip, out int retryAfterSeconds)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            PurgeOld(now);
            var (start, count) = _windows.TryGetValue(ip, out var w) && now - w.Start < Window ? w : (now, 0);
            if (count >= MaxPerMinute)
            {
                retryAfterSeconds = (int)Math.Ceiling((start + Window - now).TotalSeconds);
                return false;
            }

            _windows[ip] = (start, count + 1);
            retryAfterSeconds = 0;
            return true;
        }
    }

    /// <summary>Once a window: forget addresses whose window ended, so the table holds only the last minute's clients.</summary>
    private void PurgeOld(DateTimeOffset now)
    {
        if (now - _lastPurge < Window)
        {
            return;
        }

        _lastPurge = now;
        foreach (var ip in _windows.Where(kv => now - kv.Value.Start >= Window).Select(kv => kv.Key).ToArray())
        {
            _windows.Remove(ip);
        }
    }
}
