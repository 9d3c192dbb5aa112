using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Client-side RFC 6455 frames built by hand, for tests that need exact bytes on the wire.</summary>
internal static class WsFrames
{
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    /// <summary>A masked client frame (RFC 6455 §5.2), FIN set.</summary>
    public static byte[] Frame(byte opcode, ReadOnlySpan<byte> payload, bool fin = true)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | opcode) };
        if (payload.Length < 126)
        {
            header.Add((byte)(0x80 | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header.AddRange([0x80 | 126, (byte)(payload.Length >> 8), (byte)payload.Length]);
        }
        else
        {
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            header.Add(0x80 | 127);
            header.AddRange(length);
        }

        var mask = RandomNumberGenerator.GetBytes(4);
        header.AddRange(mask);
        var frame = new byte[header.Count + payload.Length];
        header.CopyTo(frame);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[header.Count + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        return frame;
    }

    public static byte[] TextFrame(string text) => Frame(Text, Encoding.UTF8.GetBytes(text));
}
