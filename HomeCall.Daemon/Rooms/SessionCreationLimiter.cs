using System.Net;

namespace HomeCall.Daemon.Rooms;

/// <summary>
/// SESSIONS_PER_IP_PER_MIN: how many new /signal sessions one client IP may create within a
/// sliding minute (docs/protocol.md §8.1, docs/security.md). A session outlives its
/// connection for ROOM_TIMEOUT_MS, so without this one client joining fresh UUIDs in a loop
/// fills the registry (100,000 sessions in 20 s were seen). Joining or reconnecting to a
/// session that exists is not a creation; a refused creation is not counted. Guarded by the
/// registry lock.
/// </summary>
internal sealed class SessionCreationLimiter(int maxPerWindow)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<IPAddress, Queue<DateTimeOffset>> _created = [];

    /// <summary>SESSIONS_PER_IP_PER_MIN in force (a reload may change it; set under the registry lock).</summary>
    public int MaxPerWindow { get; set; } = maxPerWindow;

    public int TrackedAddresses => _created.Count;

    /// <summary>True (and counted) when <paramref name="ip"/> may create one more session now.</summary>
    public bool TryCreate(IPAddress ip, DateTimeOffset now)
    {
        if (!_created.TryGetValue(ip, out var times))
        {
            times = new Queue<DateTimeOffset>();
            _created[ip] = times;
        }

        while (times.Count > 0 && now - times.Peek() >= Window)
        {
            times.Dequeue();
        }

        if (times.Count >= MaxPerWindow)
        {
            return false;
        }

        times.Enqueue(now);
        return true;
    }

    /// <summary>Drops addresses whose newest creation is over a minute old.</summary>
    public void Sweep(DateTimeOffset now)
    {
        foreach (var (ip, _) in _created.Where(kv => kv.Value.Count == 0 || now - kv.Value.Last() >= Window).ToArray())
        {
            _created.Remove(ip);
        }
    }
}
