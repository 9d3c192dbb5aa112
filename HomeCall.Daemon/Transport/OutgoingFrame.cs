namespace HomeCall.Daemon.Transport;

/// <summary>One item of a connection's send queue: a text message, or a close frame when <see cref="CloseStatus"/> is set.</summary>
internal readonly record struct OutgoingFrame(ReadOnlyMemory<byte> Data, int CloseStatus, string? Reason)
{
    public bool IsClose => CloseStatus != 0;
}
