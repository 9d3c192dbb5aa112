namespace HomeCall.Daemon.Rooms;

/// <summary>
/// Tombstones of ended /signal sessions (docs/protocol.md §8.1: an ended id answers session-ended for
/// ENDED_SESSION_TTL_MS), oldest first and at most <c>capacity</c> of them. Without
/// the cap, join + leave of fresh ids would grow memory for a whole TTL (~25 tombstones a
/// second per connection at the rate limit); past it the oldest tombstone is dropped first,
/// so only a link to one of the oldest ended sessions could start a fresh session instead.
/// Not thread-safe: <see cref="RoomRegistry"/> guards it with its gate.
/// </summary>
internal sealed class EndedSessions(int capacity = EndedSessions.DefaultCapacity)
{
    /// <summary>About 15 MB of ids at most; a home server ends a few sessions an hour.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly Dictionary<string, DateTimeOffset> _endedAt = new(StringComparer.Ordinal);

    // Marks come in time order (each is "now"), so the front is always the oldest. An id
    // marked again leaves a stale entry behind, skipped when it reaches the front.
    private readonly Queue<(string Id, DateTimeOffset At)> _order = new();

    public int Count => _endedAt.Count;

    public bool Contains(string sessionId) => _endedAt.ContainsKey(sessionId);

    public void Mark(string sessionId, DateTimeOffset at)
    {
        _endedAt[sessionId] = at;
        _order.Enqueue((sessionId, at));
        while (_endedAt.Count > capacity && _order.TryDequeue(out var oldest))
        {
            RemoveIfCurrent(oldest);
        }
    }

    /// <summary>Forgets tombstones marked at or before <paramref name="cutoff"/>.</summary>
    public void ForgetBefore(DateTimeOffset cutoff)
    {
        while (_order.TryPeek(out var oldest) && oldest.At <= cutoff)
        {
            _order.Dequeue();
            RemoveIfCurrent(oldest);
        }
    }

    private void RemoveIfCurrent((string Id, DateTimeOffset At) entry)
    {
        if (_endedAt.TryGetValue(entry.Id, out var at) && at == entry.At)
        {
            _endedAt.Remove(entry.Id);
        }
    }
}
