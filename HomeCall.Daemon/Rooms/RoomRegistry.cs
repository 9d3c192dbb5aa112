namespace HomeCall.Daemon.Rooms;

/// <summary>
/// Every room of every dialect, one dictionary per dialect namespace, and the
/// ended-session tombstones. One lock guards it all; callers hold <see cref="Gate"/>
/// around a whole operation (find, mutate, enqueue replies) so that notifications such
/// as `online` leave in the order the changes happened. Enqueueing is memory-only:
/// socket writes happen on each connection's own drain task, never under this lock.
/// </summary>
internal sealed class RoomRegistry
{
    private readonly Dictionary<string, Room>[] _rooms =
        Enum.GetValues<Dialect>().Select(_ => new Dictionary<string, Room>(StringComparer.Ordinal)).ToArray();

    private readonly EndedSessions _endedSessions;
    private readonly RoomTotals _totals = new();

    public RoomRegistry(int endedSessionCapacity = EndedSessions.DefaultCapacity)
    {
        _endedSessions = new EndedSessions(endedSessionCapacity);
    }

    public Lock Gate { get; } = new();

    public int Count
    {
        get
        {
            AssertHeld();
            return _rooms.Sum(d => d.Count);
        }
    }

    public int CountOf(Dialect dialect)
    {
        AssertHeld();
        return _rooms[(int)dialect].Count;
    }

    public IEnumerable<Room> All
    {
        get
        {
            AssertHeld();
            return _rooms.SelectMany(d => d.Values);
        }
    }

    public IReadOnlyCollection<Room> Of(Dialect dialect)
    {
        AssertHeld();
        return _rooms[(int)dialect].Values;
    }

    public Room? Find(Dialect dialect, string id)
    {
        AssertHeld();
        return _rooms[(int)dialect].GetValueOrDefault(id);
    }

    public bool Contains(Dialect dialect, string id)
    {
        AssertHeld();
        return _rooms[(int)dialect].ContainsKey(id);
    }

    /// <summary>Members and queued messages of the rooms in the registry, kept as they change (O(1) to read).</summary>
    public RoomTotals Totals
    {
        get
        {
            AssertHeld();
            return _totals;
        }
    }

    public void Add(Room room)
    {
        AssertHeld();
        _rooms[(int)room.Dialect].Add(room.Id, room);
        room.CountIn(_totals);
    }

    public void Remove(Room room)
    {
        AssertHeld();
        if (_rooms[(int)room.Dialect].Remove(room.Id))
        {
            room.CountIn(null);
        }
    }

    public bool IsEnded(string sessionId)
    {
        AssertHeld();
        return _endedSessions.Contains(sessionId);
    }

    public void MarkEnded(string sessionId, DateTimeOffset at)
    {
        AssertHeld();
        _endedSessions.Mark(sessionId, at);
    }

    public int EndedCount
    {
        get
        {
            AssertHeld();
            return _endedSessions.Count;
        }
    }

    /// <summary>Forgets tombstones older than the TTL (ENDED_SESSION_TTL_MS).</summary>
    public void ForgetEndedBefore(DateTimeOffset cutoff)
    {
        AssertHeld();
        _endedSessions.ForgetBefore(cutoff);
    }

    /// <summary>
    /// Checked in every build (the tests run Release): a caller without the lock would corrupt
    /// the dictionaries or reorder notifications, silently. The check is one thread-id compare.
    /// </summary>
    private void AssertHeld()
    {
        if (!Gate.IsHeldByCurrentThread)
        {
            throw new InvalidOperationException("hold RoomRegistry.Gate");
        }
    }
}
