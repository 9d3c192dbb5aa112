using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class FrameCounterTests
{
    private static readonly byte[] MaskKey = [1, 2, 3, 4];

    /// <summary>A masked client frame (RFC 6455 §5.2) with a payload of <paramref name="length"/> bytes.</summary>
    private static byte[] Frame(byte first, int length)
    {
        byte[] lengthBytes = length switch
        {
            < 126 => [(byte)(0x80 | length)],
            <= ushort.MaxValue => [0x80 | 126, (byte)(length >> 8), (byte)length],
            _ => [0x80 | 127, 0, 0, 0, 0, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length],
        };
        return [first, .. lengthBytes, .. MaskKey, .. new byte[length]];
    }

    private static readonly byte[] Stream =
    [
        .. Frame(0x81, 5), // text, FIN: a whole message
        .. Frame(0x8A, 0), // pong
        .. Frame(0x01, 300), // text without FIN (16-bit length)
        .. Frame(0x00, 0), // empty continuation without FIN
        .. Frame(0x80, 70000), // continuation with FIN (64-bit length): completes the message
        .. Frame(0x89, 125), // ping
        .. Frame(0x82, 0), // empty binary, FIN: a whole message
    ];

    [Test]
    public void Count_WholeStream_CountsControlFramesAndFragmentsWithoutFin()
    {
        var counter = new FrameCounter();

        Assert.That(counter.Count(Stream), Is.EqualTo(4));
    }

    [Test]
    public void Count_SplitAtEveryPoint_SameCount()
    {
        foreach (var split in new[] { 1, 2, 3, 5, 7, 11, 139, 4096 })
        {
            var counter = new FrameCounter();
            var total = 0;
            for (var i = 0; i < Stream.Length; i += split)
            {
                total += counter.Count(Stream.AsSpan(i, Math.Min(split, Stream.Length - i)));
            }

            Assert.That(total, Is.EqualTo(4), "chunks of " + split);
        }
    }

    [Test]
    public void Count_PayloadBytesThatLookLikeHeaders_AreSkipped()
    {
        byte[] pongsAsPayload = [0x82, 0x80 | 12, .. MaskKey, 0x8A, 0x80, 0, 0, 0, 0, 0x8A, 0x80, 0, 0, 0, 0];
        var counter = new FrameCounter();

        Assert.That(counter.Count(pongsAsPayload), Is.Zero);
    }
}
