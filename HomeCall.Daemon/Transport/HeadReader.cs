using System.Buffers;
using System.Net.Sockets;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Reads a request head from a fresh socket, at most 8 KiB, and keeps whatever arrived
/// after it (docs/protocol.md §2.1: the client's first frame must not be lost). The caller bounds it
/// in time (<see cref="HandshakeDeadlines"/> ends the read as if the peer had stopped sending).
/// </summary>
internal static class HeadReader
{
    public static async Task<HeadReadResult> ReadAsync(Socket socket)
    {
        // One byte more than the limit, so a head that fills the limit without ending is seen as too large.
        var buffer = ArrayPool<byte>.Shared.Rent(RequestParser.MaxHeadBytes + 1);
        try
        {
            var filled = 0;
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(filled, RequestParser.MaxHeadBytes + 1 - filled), SocketFlags.None).ConfigureAwait(false);
                if (n == 0)
                {
                    return new HeadReadResult(ParseResult.Invalid("connection closed before the head ended"), [], Closed: true);
                }

                filled += n;
                var result = RequestParser.Parse(buffer.AsSpan(0, filled));
                if (result.Status != ParseStatus.Incomplete)
                {
                    var rest = result.Status == ParseStatus.Complete ? buffer.AsSpan(result.HeadLength, filled - result.HeadLength).ToArray() : [];
                    return new HeadReadResult(result, rest, Closed: false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
