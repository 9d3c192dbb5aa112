namespace HomeCall.Daemon.Transport;

/// <summary>
/// A <see cref="SendQueue"/>'s frames, oldest first. Most connections are idle, and an active one
/// usually has a single frame waiting: that frame lives in a field; only a backlog of two or more
/// takes a queue, which <see cref="Release"/> drops once the drain is over. An idle connection
/// therefore holds no array (idle memory per connection, docs/benchmarks.md). Not thread-safe:
/// the send queue holds its gate around every call.
/// </summary>
internal struct OutgoingFrames
{
    private OutgoingFrame _first;
    private bool _hasFirst;
    private Queue<OutgoingFrame>? _rest;

    public readonly int Count => (_hasFirst ? 1 : 0) + (_rest?.Count ?? 0);

    /// <summary>True while a backlog queue is held (tests check it is dropped).</summary>
    public readonly bool HoldsBacklog => _rest is not null;

    public void Enqueue(OutgoingFrame frame)
    {
        if (!_hasFirst && (_rest is null || _rest.Count == 0))
        {
            (_first, _hasFirst) = (frame, true);
            return;
        }

        (_rest ??= new Queue<OutgoingFrame>()).Enqueue(frame);
    }

    public bool TryDequeue(out OutgoingFrame frame)
    {
        if (_hasFirst)
        {
            (frame, _first, _hasFirst) = (_first, default, false);
            return true;
        }

        if (_rest is not null && _rest.TryDequeue(out frame))
        {
            return true;
        }

        frame = default;
        return false;
    }

    /// <summary>Drops every frame and the backlog queue, releasing the pooled messages they held.</summary>
    public void Clear()
    {
        if (_hasFirst)
        {
            _first.Lease.Release();
        }

        while (_rest is not null && _rest.TryDequeue(out var frame))
        {
            frame.Lease.Release();
        }

        (_first, _hasFirst) = (default, false);
        _rest = null;
    }

    /// <summary>Drops the backlog queue when it is empty (the drain is over): an idle connection keeps no array.</summary>
    public void Release()
    {
        if (_rest is { Count: 0 })
        {
            _rest = null;
        }
    }
}
