using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Buffered reads off a raw socket for <see cref="RawWsConnection"/>: the upgrade's
/// response head, then the server's (unmasked) frames, keeping whatever arrived after
/// one for the next.
/// </summary>
internal sealed class RawFrameReader(Socket socket)
{
    private readonly byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;

    /// <summary>The server's pings read so far, answered or not.</summary>
    public int PingsSeen { get; private set; }

    /// <summary>
    /// The next frame, or null when the server closed or reset the TCP connection (an abort
    /// may cut a frame short: that too is the end). The token, not a wait, bounds the read so
    /// the caller can put one deadline on several frames.
    /// </summary>
    public async Task<RawFrame?> ReadFrameAsync(CancellationToken token)
    {
        if (!await FillAsync(2, token))
        {
            return null;
        }

        var b0 = _buffer[_start];
        var b1 = _buffer[_start + 1];
        var headLength = 2 + ((b1 & 0x7F) switch { 126 => 2, 127 => 8, _ => 0 });
        if (!await FillAsync(headLength, token))
        {
            return null;
        }

        var length = (b1 & 0x7F) switch
        {
            126 => BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start + 2)),
            127 => (int)BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(_start + 2)),
            var n => n,
        };
        if (!await FillAsync(headLength + length, token))
        {
            return null;
        }

        var payload = _buffer.AsSpan(_start + headLength, length).ToArray();
        _start += headLength + length;
        var frame = new RawFrame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
        PingsSeen += frame.Opcode == WireFrame.Ping ? 1 : 0;
        return frame;
    }

    /// <summary>The HTTP response head (through the blank line); what follows stays buffered for frames.</summary>
    public async Task<string> ReadHeadAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(_buffer, _start, end + 4);
                _start += end + 4;
                return head;
            }

            if (!await FillAsync(_end - _start + 1, cts.Token))
            {
                return Encoding.ASCII.GetString(_buffer, _start, _end - _start);
            }
        }
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available; false on EOF or reset.</summary>
    private async Task<bool> FillAsync(int count, CancellationToken token)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
        _end -= _start;
        _start = 0;
        while (_end < count)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, token);
            }
            catch (SocketException)
            {
                return false;
            }

            if (n == 0)
            {
                return false;
            }

            _end += n;
        }

        return true;
    }
}
