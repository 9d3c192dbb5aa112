namespace HomeCall.Daemon.Transport;

/// <summary>
/// One reference to a <see cref="PooledMessage"/>, for the generation it was taken in; release it
/// exactly once. The default lease holds nothing: its memory is empty and releasing it does nothing.
/// </summary>
internal readonly struct MessageLease(PooledMessage? message, int generation)
{
    public bool IsEmpty => message is null;

    /// <summary>The message's bytes; throws once the buffer went back to the pool.</summary>
    public ReadOnlyMemory<byte> Memory => message?.Memory(generation) ?? default;

    /// <summary>Another reference to the same message (one per recipient queue).</summary>
    public MessageLease Retain() => message?.Retain(generation) ?? default;

    /// <summary>Gives this reference back; the last one returns the buffer to its pool.</summary>
    public void Release() => message?.Release(generation);
}
