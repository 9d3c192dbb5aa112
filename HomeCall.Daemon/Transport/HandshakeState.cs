namespace HomeCall.Daemon.Transport;

/// <summary>Where a <see cref="PendingHandshake"/> stands with its deadline.</summary>
internal enum HandshakeState
{
    /// <summary>Its head is being read.</summary>
    Reading,
    /// <summary>The head was read (or the read ended) in time.</summary>
    Ended,
    /// <summary>The deadline passed first: its socket was closed.</summary>
    TimedOut,
    /// <summary>The daemon began to stop first: its socket was closed.</summary>
    Stopped,
}
