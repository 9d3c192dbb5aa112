using System.Net.Sockets;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Sends on a socket without waiting and without an awaited operation: the kernel takes what fits
/// in its send buffer at once, which for a reader that keeps up is everything. An awaited send
/// would leave an event-args object (with its delegates) cached on the socket for the rest of
/// its life: a few hundred bytes per idle connection (docs/benchmarks.md, idle memory).
/// </summary>
internal static class NonBlockingSend
{
    /// <summary>
    /// Switches the socket under a <see cref="NetworkStream"/> to non-blocking sends (null for any
    /// other stream): a send then returns what the kernel took instead of waiting.
    /// </summary>
    public static Socket? Prepare(Stream stream)
    {
        if (stream is not NetworkStream network)
        {
            return null;
        }

        network.Socket.Blocking = false;
        return network.Socket;
    }

    /// <summary>Sends the 101 answer on a socket still in blocking mode (a NetworkStream needs one); what does not fit at once is awaited.</summary>
    /// <exception cref="SocketException">The client left.</exception>
    public static async ValueTask SendAsync(Socket socket, ReadOnlyMemory<byte> bytes)
    {
        int sent;
        SocketError error;
        socket.Blocking = false;
        try
        {
            sent = Send(socket, bytes.Span, out error);
        }
        finally
        {
            socket.Blocking = true;
        }

        if (error != SocketError.Success)
        {
            throw new SocketException((int)error);
        }

        if (sent < bytes.Length)
        {
            await socket.SendAsync(bytes[sent..], SocketFlags.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One send on a socket in non-blocking mode: the bytes the kernel took (maybe fewer than all,
    /// 0 when its send buffer is full) and <see cref="SocketError.Success"/>, or the socket's error.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The socket was closed (the connection aborted).</exception>
    public static int Send(Socket socket, ReadOnlySpan<byte> bytes, out SocketError error)
    {
        var sent = socket.Send(bytes, SocketFlags.None, out error);
        if (error == SocketError.WouldBlock)
        {
            error = SocketError.Success;
        }

        return error == SocketError.Success ? sent : 0;
    }
}
