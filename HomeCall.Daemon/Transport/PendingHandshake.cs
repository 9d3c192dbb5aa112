using System.Net.Sockets;

namespace HomeCall.Daemon.Transport;

/// <summary>One socket whose request head is being read, linked into <see cref="HandshakeDeadlines"/>' list.</summary>
internal sealed class PendingHandshake(Socket socket, long deadlineTimestamp)
{
    public Socket Socket { get; } = socket;

    /// <summary>When its head must have arrived, in the TimeProvider's timestamp units.</summary>
    public long DeadlineTimestamp { get; } = deadlineTimestamp;

    /// <summary>Written under the deadlines' lock only.</summary>
    public HandshakeState State { get; set; }

    public PendingHandshake? Previous { get; set; }

    public PendingHandshake? Next { get; set; }
}
