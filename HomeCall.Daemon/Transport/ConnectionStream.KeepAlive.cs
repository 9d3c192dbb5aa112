using System.Net.Sockets;

namespace HomeCall.Daemon.Transport;

/// <summary>The keep-alive side of <see cref="ConnectionStream"/>: the sweep's check of the connection's <see cref="Liveness"/> and its ping.</summary>
internal sealed partial class ConnectionStream
{
    /// <summary>RFC 6455 §5.5.2: a server's ping (FIN, opcode 9, unmasked) with no payload.</summary>
    private static readonly byte[] PingFrame = [0x89, 0x00];

    /// <summary>
    /// The <see cref="KeepAliveSweep"/>'s look at this connection at <paramref name="now"/>; a ping
    /// it calls for is written at once, in order with every other write (never inside a frame,
    /// each written whole). Nothing is checked or sent once a close frame went out (RFC 6455 §5.5.1)
    /// or the stream was disposed.
    /// </summary>
    public Liveness.Step CheckLiveness(long now, long intervalTicks, long timeoutTicks)
    {
        lock (Gate)
        {
            if (Volatile.Read(ref _sentCloseStatus) != 0 || Volatile.Read(ref _disposed) == 1)
            {
                return Liveness.Step.None;
            }

            var step = _liveness.Check(now, intervalTicks, timeoutTicks);
            if (step == Liveness.Step.Ping)
            {
                // Not awaited: a reader that stopped reading fails its pong in time and is dropped.
                // Started here, under the gate, so it is ordered with every other write.
                _ = WritePingAsync();
            }

            return step;
        }
    }

    /// <summary>
    /// The write is made inside the try: an abort on another thread closes the socket before this stream
    /// is marked disposed, and the write in between throws at once (a socket stream's does) rather than
    /// failing its task. That is the abort's doing, not a fault of the keep-alive sweep.
    /// </summary>
    private async Task WritePingAsync()
    {
        try
        {
            await WriteAsync(PingFrame).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The socket failed or was aborted: the receive loop ends the connection.
        }
    }
}
