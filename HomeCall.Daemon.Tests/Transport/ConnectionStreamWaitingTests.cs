using System.Buffers;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>
/// <see cref="ConnectionStream"/>'s side of an idle connection: reads bounded to the frame being
/// read, and whole pongs taken before the framing layer is called.
/// </summary>
public sealed class ConnectionStreamWaitingTests
{
    private static readonly byte[] EmptyPong = WireFrame.Build(WireFrame.Pong, []);

    [Test]
    public async Task ReadAsync_TwoFramesBuffered_NoReadCrossesTheFirstFramesEnd()
    {
        var first = WireFrame.TextFrame("first");
        await using var stream = new ConnectionStream(new MemoryStream(), [.. first, .. WireFrame.TextFrame("second")], TimeProvider.System);
        var buffer = new byte[139]; // The framing layer's reads ask for up to its receive buffer's size.

        var read = 0;
        while (read < first.Length)
        {
            read += await stream.ReadAsync(buffer);
        }

        Assert.That(read, Is.EqualTo(first.Length), "the reads stop at the first frame's end");
    }

    [Test]
    public async Task Dispose_WhileTheReadChunkHoldsBytes_TheReaderStillGetsItsOwnBytes()
    {
        // An abort disposes the stream from a timer thread while the reader may be copying out of its
        // chunk: the chunk must not go back to the pool then, where another connection could rent it
        // and fill it with its own bytes before this reader is done.
        var frame = WireFrame.TextFrame(new string('m', 200));
        var stream = new ConnectionStream(new MemoryStream(frame), [], TimeProvider.System);
        Assert.That(await stream.FillAsync(), Is.True, "the frame is in the read chunk");
        var head = new byte[2];
        Assert.That(await stream.ReadAsync(head), Is.EqualTo(2));

        stream.Dispose();
        var another = ArrayPool<byte>.Shared.Rent(16384); // This thread's pool hands back what was just returned to it.
        another.AsSpan().Fill(0xEE);
        var rest = new byte[frame.Length - 2];
        var read = 0;
        while (read < rest.Length)
        {
            read += await stream.ReadAsync(rest.AsMemory(read));
        }

        ArrayPool<byte>.Shared.Return(another);
        Assert.That(rest, Is.EqualTo(frame[2..]));
    }

    [Test]
    public async Task FillAsync_OnlyWholePongs_TakesThemAndHasNoFrameForTheFramingLayer()
    {
        await using var stream = new ConnectionStream(new MemoryStream([.. EmptyPong, .. WireFrame.Build(WireFrame.Pong, "p"u8), .. EmptyPong]), [], TimeProvider.System);

        Assert.That(await stream.FillAsync(), Is.False);
        Assert.That(stream.CheckLiveness(0, 0, 0), Is.EqualTo(Liveness.Step.None), "the pongs were heard");
    }

    [Test]
    public async Task FillAsync_PongsThenAMessage_LeavesTheMessageForTheFramingLayer()
    {
        var text = WireFrame.TextFrame("hi");
        await using var stream = new ConnectionStream(new MemoryStream([.. EmptyPong, .. EmptyPong, .. text]), [], TimeProvider.System);

        Assert.That(await stream.FillAsync(), Is.True);
        var header = new byte[2];
        Assert.That(await stream.ReadAsync(header), Is.EqualTo(2));
        Assert.That(header, Is.EqualTo(text[..2]));
    }

    [TestCase(new byte[] { 0xCA, 0x80, 0, 0, 0, 0 }, TestName = "FillAsync_PongWithAReservedBit_LeftForTheFramingLayer")]
    [TestCase(new byte[] { 0x8A, 0x00 }, TestName = "FillAsync_UnmaskedPong_LeftForTheFramingLayer")]
    [TestCase(new byte[] { 0x0A, 0x80, 0, 0, 0, 0 }, TestName = "FillAsync_FragmentedPong_LeftForTheFramingLayer")]
    public async Task FillAsync_MalformedPong_LeftForTheFramingLayer(byte[] frame)
    {
        await using var stream = new ConnectionStream(new MemoryStream(frame), [], TimeProvider.System);

        Assert.That(await stream.FillAsync(), Is.True, "the framing layer judges it (1002)");
        var first = new byte[2];
        Assert.That(await stream.ReadAsync(first), Is.EqualTo(2));
        Assert.That(first, Is.EqualTo(frame[..2]));
    }

    [Test]
    public async Task FillAsync_PongCutShort_LeftForTheFramingLayer()
    {
        await using var stream = new ConnectionStream(new MemoryStream(EmptyPong[..4]), [], TimeProvider.System);

        Assert.That(await stream.FillAsync(), Is.True);
    }

    [Test]
    public async Task FillAsync_MorePongsThanAnUnbrokenRun_LeavesTheRestForAfterAYield()
    {
        var pongs = Enumerable.Repeat(EmptyPong, ReadGuard.MaxUnbrokenReads + 10).SelectMany(p => p).ToArray();
        await using var stream = new ConnectionStream(new MemoryStream(), pongs, TimeProvider.System);

        Assert.That(await stream.FillAsync(), Is.True, "pongs past the run wait for the framing layer");
        var next = new byte[2];
        Assert.That(await stream.ReadAsync(next), Is.EqualTo(2));
        Assert.That(next, Is.EqualTo(EmptyPong[..2]));
    }
}
