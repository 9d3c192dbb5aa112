using System.Text;
using HomeCall.Daemon.Tests.TestSupport;
using static HomeCall.Daemon.Tests.TestSupport.WireFrame;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// The catalogue of bad frames (docs/security.md lists them): protocol errors are 1002,
/// invalid UTF-8 in a text message is 1007, a message over MAX_MESSAGE_BYTES is 1009.
/// </summary>
internal static class FrameCases
{
    public const int MaxMessageBytes = 65536;

    private static readonly byte[] Hello = Encoding.UTF8.GetBytes("""{"type":"leave"}""");

    public static IEnumerable<FrameCase> All => ProtocolErrors.Concat(CloseFrames).Concat(Utf8).Concat(Sizes);

    private static IEnumerable<FrameCase> ProtocolErrors =>
    [
        One("unmasked text frame", Build(Text, Hello, masked: false), 1002),
        One("RSV1 set", Build(Text, Hello, rsv: 4), 1002),
        One("RSV2 set", Build(Text, Hello, rsv: 2), 1002),
        One("RSV3 set", Build(Text, Hello, rsv: 1), 1002),
        .. new byte[] { 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF }.Select(op => One("opcode 0x" + op.ToString("X", null), Build(op, Hello), 1002)),
        One("continuation without a start", Build(Continuation, Hello), 1002),
        Two("text interleaved in a fragmented text", Build(Text, Hello, fin: false), Build(Text, Hello), 1002),
        Two("binary interleaved in a fragmented text", Build(Text, Hello, fin: false), Build(Binary, Hello), 1002),
        One("fragmented ping", Build(Ping, "ab"u8, fin: false), 1002),
        One("fragmented close", Build(Close, [0x03, 0xE8], fin: false), 1002),
        One("ping of 126 bytes", Build(Ping, new byte[126]), 1002),
        One("declared length 2^63", Build(Text, [], declaredLength: 1UL << 63), 1002),
    ];

    private static IEnumerable<FrameCase> CloseFrames =>
    [
        One("close with a 1-byte payload", Build(Close, [0x03]), 1002),
        .. new[] { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 }.Select(code => One("close code " + code, CloseFrame(code), 1002)),
        // A close reason is not a text message; .NET fails the connection with 1002 (Autobahn 7.5.1 accepts 1002 or 1007).
        One("close reason with invalid UTF-8", CloseFrame(1000, [0xCE, 0xBA, 0xE1, 0xBD]), 1002),
    ];

    private static IEnumerable<FrameCase> Utf8 =>
    [
        One("lone continuation byte", Build(Text, [0x22, 0x80, 0x22]), 1007),
        One("overlong encoding of /", Build(Text, [0xC0, 0xAF]), 1007),
        One("encoded surrogate U+D800", Build(Text, [0xED, 0xA0, 0x80]), 1007),
        One("code point above U+10FFFF", Build(Text, [0xF4, 0x90, 0x80, 0x80]), 1007),
        One("byte 0xFF", Build(Text, [0x7B, 0xFF, 0x7D]), 1007),
        One("sequence cut at the end", Build(Text, [0x7B, 0xE2, 0x82]), 1007),
        Two("invalid sequence across fragments", Build(Text, [0x7B, 0xE2], fin: false), Build(Continuation, [0x28, 0xA1]), 1007),
    ];

    private static IEnumerable<FrameCase> Sizes =>
    [
        One("text of MAX_MESSAGE_BYTES + 1", Build(Text, Pad(MaxMessageBytes + 1)), 1009),
        new("17 fragments totalling MAX_MESSAGE_BYTES + 1", Fragments(Pad(MaxMessageBytes + 1), 17), 1009),
        One("binary of MAX_MESSAGE_BYTES + 1", Build(Binary, new byte[MaxMessageBytes + 1]), 1009),
        One("declared length 2^63-1", Build(Text, Pad(MaxMessageBytes + 1), declaredLength: long.MaxValue), 1009),
    ];

    /// <summary>A JSON-ish ASCII payload of exactly <paramref name="length"/> bytes.</summary>
    public static byte[] Pad(int length) => Enumerable.Repeat((byte)'a', length).ToArray();

    /// <summary>One message cut into <paramref name="count"/> frames (text, then continuations).</summary>
    public static byte[][] Fragments(byte[] payload, int count)
    {
        var size = (payload.Length + count - 1) / count;
        return payload.Chunk(size)
            .Select((chunk, i) => Build(i == 0 ? Text : Continuation, chunk, fin: (i + 1) * size >= payload.Length))
            .ToArray();
    }

    private static FrameCase One(string name, byte[] frame, int status) => new(name, [frame], status);

    private static FrameCase Two(string name, byte[] first, byte[] second, int status) => new(name, [first, second], status);
}
