using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Rooms;

/// <summary>
/// The registry's lock, held: its members are the only way to find, add or remove rooms and
/// tombstones, so nobody reaches them without the lock. A ref struct: it cannot be kept in a
/// field or captured by a lambda or an async method, so the lock never outlives the block that
/// took it. Rooms taken out of it check the lock themselves (<see cref="Room"/>).
/// </summary>
internal readonly ref struct RoomLock
{
    private readonly RoomTable _table;

    public RoomLock(RoomTable table)
    {
        table.Gate.Enter();
        _table = table;
    }

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var rooms in _table.ByDialect)
            {
                count += rooms.Count;
            }

            return count;
        }
    }

    /// <summary>Every room, valid while the lock is held.</summary>
    public IEnumerable<Room> All => _table.ByDialect.SelectMany(d => d.Values);

    /// <summary>Members and queued messages of the rooms in the registry, kept as they change (O(1) to read).</summary>
    public RoomTotals Totals => _table.Totals;

    public int EndedCount => _table.Ended.Count;

    public int CountOf(Dialect dialect) => _table.ByDialect[(int)dialect].Count;

    /// <summary>One dialect's rooms, valid while the lock is held.</summary>
    public IReadOnlyCollection<Room> Of(Dialect dialect) => _table.ByDialect[(int)dialect].Values;

    /// <summary>The /signal sessions, valid while the lock is held.</summary>
    public IEnumerable<SessionRoom> Sessions => Of(Dialect.Session).Cast<SessionRoom>();

    public Room? Find(Dialect dialect, string id) => _table.ByDialect[(int)dialect].GetValueOrDefault(id);

    /// <summary>A session room is always a <see cref="SessionRoom"/> (its constructor sees to it).</summary>
    public SessionRoom? FindSession(string id) => (SessionRoom?)Find(Dialect.Session, id);

    public bool Contains(Dialect dialect, string id) => _table.ByDialect[(int)dialect].ContainsKey(id);

    public void Add(Room room)
    {
        _table.ByDialect[(int)room.Dialect].Add(room.Id, room);
        room.CountIn(_table);
    }

    public void Remove(Room room)
    {
        if (_table.ByDialect[(int)room.Dialect].Remove(room.Id))
        {
            room.CountIn(null);
        }
    }

    public bool IsEnded(string sessionId) => _table.Ended.Contains(sessionId);

    public void MarkEnded(string sessionId, DateTimeOffset at) => _table.Ended.Mark(sessionId, at);

    /// <summary>Forgets tombstones older than the TTL (ENDED_SESSION_TTL_MS).</summary>
    public void ForgetEndedBefore(DateTimeOffset cutoff) => _table.Ended.ForgetBefore(cutoff);

    public void Dispose() => _table.Gate.Exit();
}
