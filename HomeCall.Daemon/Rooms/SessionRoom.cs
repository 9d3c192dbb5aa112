using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Rooms;

/// <summary>A /signal session (docs/protocol.md §8): a room that always has its queue for the absent participant.</summary>
internal sealed class SessionRoom(string id, RoomFingerprinter fingerprinter, DateTimeOffset created, SessionQueue queue)
    : Room(Dialect.Session, id, fingerprinter, created)
{
    /// <summary>Read and changed under the registry's lock, like the members.</summary>
    public SessionQueue Queue
    {
        get
        {
            AssertHeld();
            return queue;
        }
    }

    /// <summary>The queue counts in the registry's totals exactly while the session does.</summary>
    public override void CountIn(RoomTable? table)
    {
        base.CountIn(table);
        queue.CountIn(table?.Totals);
    }
}
