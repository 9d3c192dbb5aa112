using System.Net;

namespace HomeCall.Daemon.Rooms;

/// <summary>
/// Failed joins per key (an address, or the network of a /24 or /64) within a sliding minute:
/// blocked once <see cref="MaxFailures"/> failures fall within the window,
/// until a minute after the last one (docs/protocol.md §7.3). Guarded by the registry lock.
/// </summary>
internal sealed class FailureWindow(int maxFailuresPerWindow)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<IPAddress, Queue<DateTimeOffset>> _failures = [];

    /// <summary>The limit in force (a reload may change it; set under the registry lock).</summary>
    public int MaxFailures { get; set; } = maxFailuresPerWindow;

    public int Count => _failures.Count;

    public bool IsBlocked(IPAddress key, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var times) && times.Count >= MaxFailures && now - times.Last() < Window;

    public void Record(IPAddress key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
        {
            times = new Queue<DateTimeOffset>();
            _failures[key] = times;
        }

        times.Enqueue(now);
        while (times.Count > 0 && now - times.Peek() >= Window)
        {
            times.Dequeue();
        }

        // Only the last N matter for the decision.
        while (times.Count > MaxFailures)
        {
            times.Dequeue();
        }
    }

    /// <summary>Drops keys whose last failure is over a minute old.</summary>
    public void Sweep(DateTimeOffset now)
    {
        foreach (var (key, _) in _failures.Where(kv => now - kv.Value.Last() >= Window).ToArray())
        {
            _failures.Remove(key);
        }
    }
}
