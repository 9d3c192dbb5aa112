using System.Net;

namespace HomeCall.Daemon.Rooms;

/// <summary>
/// The join-failure guard (docs/protocol.md §7.3): once an IP has had JOIN_FAILURES_PER_MIN failed numeric
/// joins within a minute, every join from it is refused until a minute has passed
/// since its last failure. Refused joins are not failures (the block cannot be extended
/// by hammering). Guarded by the registry lock.
/// </summary>
internal sealed class JoinFailureLimiter(int maxFailuresPerWindow)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<IPAddress, Queue<DateTimeOffset>> _failures = [];

    /// <summary>JOIN_FAILURES_PER_MIN in force (a reload may change it; set under the registry lock).</summary>
    public int MaxFailuresPerWindow { get; set; } = maxFailuresPerWindow;

    public int TrackedAddresses => _failures.Count;

    public bool IsBlocked(IPAddress ip, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(ip, out var times) || times.Count < MaxFailuresPerWindow)
        {
            return false;
        }

        return now - times.Last() < Window;
    }

    public void RecordFailure(IPAddress ip, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(ip, out var times))
        {
            times = new Queue<DateTimeOffset>();
            _failures[ip] = times;
        }

        times.Enqueue(now);
        while (times.Count > 0 && now - times.Peek() >= Window)
        {
            times.Dequeue();
        }

        // Only the last N matter for the decision.
        while (times.Count > MaxFailuresPerWindow)
        {
            times.Dequeue();
        }
    }

    /// <summary>Drops addresses whose last failure is over a minute old.</summary>
    public void Sweep(DateTimeOffset now)
    {
        foreach (var (ip, times) in _failures.Where(kv => now - kv.Value.Last() >= Window).ToArray())
        {
            _failures.Remove(ip);
        }
    }
}
