using System.Buffers;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Rents the buffers of outgoing relays from an <see cref="ArrayPool{T}"/> and keeps the
/// <see cref="PooledMessage"/> holders that carry them for reuse, so that neither is allocated
/// per message. Thread-safe without a lock: a holder slot is taken and put back with one
/// interlocked exchange.
/// </summary>
internal sealed class MessagePool
{
    /// <summary>Holders kept for reuse: more than the messages in flight at once on the relay path (a burst's backlog takes new ones, dropped after).</summary>
    private const int KeptHolders = 64;

    private readonly ArrayPool<byte> _arrays;
    private readonly PooledMessage?[] _holders = new PooledMessage?[KeptHolders];

    /// <param name="arrays">Where buffers come from and go back to (tests count them).</param>
    public MessagePool(ArrayPool<byte> arrays) => _arrays = arrays;

    /// <summary>The process's pool, on <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static MessagePool Shared { get; } = new(ArrayPool<byte>.Shared);

    /// <summary>A message holding a copy of <paramref name="bytes"/>; the caller owns its one reference.</summary>
    public MessageLease Rent(ReadOnlySpan<byte> bytes)
    {
        var buffer = _arrays.Rent(bytes.Length);
        bytes.CopyTo(buffer);
        return TakeHolder().Fill(buffer, bytes.Length);
    }

    internal void Return(PooledMessage holder, byte[] buffer)
    {
        _arrays.Return(buffer);
        for (var i = 0; i < _holders.Length; i++)
        {
            if (Volatile.Read(ref _holders[i]) is null && Interlocked.CompareExchange(ref _holders[i], holder, null) is null)
            {
                return;
            }
        }
    }

    private PooledMessage TakeHolder()
    {
        for (var i = 0; i < _holders.Length; i++)
        {
            if (Volatile.Read(ref _holders[i]) is { } holder && Interlocked.CompareExchange(ref _holders[i], null, holder) == holder)
            {
                return holder;
            }
        }

        return new PooledMessage(this);
    }
}
