namespace HomeCall.Daemon.Transport;

/// <summary>
/// One outgoing message in a buffer rented from a <see cref="MessagePool"/>, shared by every
/// recipient's send queue: each holder of a <see cref="MessageLease"/> owns one reference, and the
/// last release gives the buffer back. A relay therefore allocates nothing per message (gen-0
/// collections stop both event threads: bench/profile.md). The generation changes on every
/// return, so a stale lease (a double release, or a use after return) throws instead of
/// reading or freeing a buffer that another message now owns.
/// </summary>
internal sealed class PooledMessage
{
    private readonly MessagePool _pool;
    private byte[] _buffer = [];
    private int _length;
    private int _references;
    private int _generation;

    public PooledMessage(MessagePool pool) => _pool = pool;

    /// <summary>Changes each time the buffer goes back to the pool.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Takes <paramref name="buffer"/> holding <paramref name="length"/> bytes; the caller owns the one reference.</summary>
    internal MessageLease Fill(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        Volatile.Write(ref _references, 1);
        return new MessageLease(this, Generation);
    }

    internal ReadOnlyMemory<byte> Memory(int generation)
    {
        EnsureLive(generation);
        return _buffer.AsMemory(0, _length);
    }

    internal MessageLease Retain(int generation)
    {
        EnsureLive(generation);
        if (Interlocked.Increment(ref _references) <= 1)
        {
            throw new InvalidOperationException("A pooled message was retained after its last reference was released.");
        }

        return new MessageLease(this, generation);
    }

    internal void Release(int generation)
    {
        EnsureLive(generation);
        var left = Interlocked.Decrement(ref _references);
        if (left > 0)
        {
            return;
        }

        if (left < 0)
        {
            throw new InvalidOperationException("A pooled message was released more times than it was retained.");
        }

        var buffer = _buffer;
        (_buffer, _length) = ([], 0);
        Interlocked.Increment(ref _generation);
        _pool.Return(this, buffer);
    }

    private void EnsureLive(int generation)
    {
        if (Volatile.Read(ref _generation) != generation)
        {
            throw new InvalidOperationException("A pooled message was used after its buffer went back to the pool.");
        }
    }
}
