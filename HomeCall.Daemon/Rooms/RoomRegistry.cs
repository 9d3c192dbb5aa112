namespace HomeCall.Daemon.Rooms;

/// <summary>
/// Every room of every dialect and the ended-session tombstones, behind one lock. The only way
/// in is <see cref="Lock"/>: callers hold it around a whole operation (find, change, enqueue
/// replies) so that notifications such as `online` leave in the order the changes happened.
/// Enqueueing is memory-only: socket writes happen on each connection's own drain, never
/// under this lock.
/// </summary>
internal sealed class RoomRegistry(int endedSessionCapacity = EndedSessions.DefaultCapacity)
{
    private readonly RoomTable _table = new(endedSessionCapacity);

    /// <summary>Takes the lock until the handle is disposed: <c>using var rooms = registry.Lock();</c></summary>
    public RoomLock Lock() => new(_table);
}
