namespace HomeCall.Daemon.Rooms;

/// <summary>
/// docs/protocol.md §8.2: offer/answer/candidate held, in order, for the participant who is not
/// there yet, bounded by MAX_QUEUED_MESSAGES and MAX_QUEUED_BYTES.
/// </summary>
internal sealed class SessionQueue(int maxMessages, int maxBytes)
{
    private readonly List<QueuedMessage> _items = [];
    private RoomTotals? _totals;

    public int Count => _items.Count;

    public int Bytes { get; private set; }

    public bool TryAdd(QueuedMessage message)
    {
        if (_items.Count >= maxMessages || Bytes + message.Data.Length > maxBytes)
        {
            return false;
        }

        _items.Add(message);
        Bytes += message.Data.Length;
        _totals?.AddQueued(1, message.Data.Length);
        return true;
    }

    /// <summary>Removes and returns, in order, what others queued for <paramref name="userId"/>.</summary>
    public IReadOnlyList<QueuedMessage> TakeFor(string userId)
    {
        if (_items.Count == 0)
        {
            return [];
        }

        var taken = _items.Where(m => m.SenderUserId != userId).ToList();
        _items.RemoveAll(m => m.SenderUserId != userId);
        var bytes = taken.Sum(m => m.Data.Length);
        Bytes -= bytes;
        _totals?.AddQueued(-taken.Count, -bytes);
        return taken;
    }

    /// <summary>See <see cref="Room.CountIn"/>.</summary>
    public void CountIn(RoomTotals? totals)
    {
        _totals?.AddQueued(-Count, -Bytes);
        _totals = totals;
        _totals?.AddQueued(Count, Bytes);
    }
}
