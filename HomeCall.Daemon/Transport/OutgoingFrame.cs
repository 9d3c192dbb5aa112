namespace HomeCall.Daemon.Transport;

/// <summary>
/// One item of a connection's send queue: a text message, or a close frame when <see cref="CloseStatus"/> is set.
/// A pooled message carries its <see cref="Lease"/>, which the queue releases once the frame was sent or dropped.
/// </summary>
internal readonly record struct OutgoingFrame(ReadOnlyMemory<byte> Data, int CloseStatus, string? Reason, MessageLease Lease = default)
{
    public bool IsClose => CloseStatus != 0;

    /// <summary>The bytes to send; for a pooled message, checked to be still this frame's (throws once returned).</summary>
    public ReadOnlyMemory<byte> Payload => Lease.IsEmpty ? Data : Lease.Memory;
}
