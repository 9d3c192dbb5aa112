using System.Buffers.Binary;
using System.Text;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Builds client-to-server WebSocket frames byte by byte (RFC 6455 §5.2), including the
/// malformed ones a real client library refuses to produce: unmasked, reserved bits,
/// unknown opcodes, lying length fields.
/// </summary>
internal static class WireFrame
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    private static readonly byte[] MaskKey = [0x37, 0xFA, 0x21, 0x3D];

    /// <summary>A frame; <paramref name="declaredLength"/> overrides the length field (the payload sent stays <paramref name="payload"/>).</summary>
    public static byte[] Build(byte opcode, ReadOnlySpan<byte> payload, bool fin = true, bool masked = true, byte rsv = 0, ulong? declaredLength = null)
    {
        var length = declaredLength ?? (ulong)payload.Length;
        var head = new List<byte> { (byte)((fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0xF)) };
        var maskBit = masked ? 0x80 : 0;
        if (length < 126)
        {
            head.Add((byte)(maskBit | (int)length));
        }
        else if (length <= ushort.MaxValue)
        {
            head.Add((byte)(maskBit | 126));
            head.Add((byte)(length >> 8));
            head.Add((byte)length);
        }
        else
        {
            head.Add((byte)(maskBit | 127));
            var eight = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(eight, length);
            head.AddRange(eight);
        }

        if (masked)
        {
            head.AddRange(MaskKey);
        }

        var frame = new byte[head.Count + payload.Length];
        head.CopyTo(frame);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[head.Count + i] = masked ? (byte)(payload[i] ^ MaskKey[i % 4]) : payload[i];
        }

        return frame;
    }

    public static byte[] TextFrame(string text, bool fin = true) => Build(Text, Encoding.UTF8.GetBytes(text), fin);

    /// <summary>A close frame with a status code and a UTF-8 reason.</summary>
    public static byte[] CloseFrame(int status, string reason = "") => CloseFrame(status, Encoding.UTF8.GetBytes(reason));

    public static byte[] CloseFrame(int status, byte[] reason)
    {
        var payload = new byte[2 + reason.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)status);
        reason.CopyTo(payload, 2);
        return Build(Close, payload);
    }

    /// <summary>Several frames as one write (one TCP segment on loopback).</summary>
    public static byte[] Concat(params byte[][] frames) => frames.SelectMany(f => f).ToArray();
}
