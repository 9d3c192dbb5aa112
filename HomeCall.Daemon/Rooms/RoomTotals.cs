namespace HomeCall.Daemon.Rooms;

/// <summary>
/// Sums over the rooms in the registry, kept up to date as rooms, members and queues change,
/// so /health and /metrics read them without walking every room under the registry lock
/// (docs/security.md: a large registry once stalled other connections). Guarded by the registry lock.
/// </summary>
internal sealed class RoomTotals
{
    public int Members { get; private set; }

    public int QueuedMessages { get; private set; }

    public int QueuedBytes { get; private set; }

    public void AddMembers(int count) => Members += count;

    public void AddQueued(int messages, int bytes)
    {
        QueuedMessages += messages;
        QueuedBytes += bytes;
    }
}
