using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class ConnectionStreamTests
{
    [Test]
    public async Task ReadAsync_PrefixThenInner_ReturnsPrefixBytesFirstInOrder()
    {
        await using var stream = new ConnectionStream(new MemoryStream([4, 5, 6]), [1, 2, 3], TimeProvider.System);
        var buffer = new byte[2];
        var read = new List<byte>();

        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            read.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        Assert.That(read, Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void Read_PrefixLargerThanBuffer_NeverMixesSourcesInOneRead()
    {
        using var stream = new ConnectionStream(new MemoryStream([9]), [1, 2, 3], TimeProvider.System);
        var buffer = new byte[8];

        Assert.That(stream.Read(buffer, 0, 8), Is.EqualTo(3));
        Assert.That(stream.Read(buffer, 0, 8), Is.EqualTo(1));
        Assert.That(buffer[0], Is.EqualTo(9));
    }

    [Test]
    public async Task ReadAsync_EmptyBufferWithPrefix_ReturnsZeroWithoutConsuming()
    {
        await using var stream = new ConnectionStream(new MemoryStream(), [7], TimeProvider.System);

        Assert.That(await stream.ReadAsync(Memory<byte>.Empty), Is.Zero);
        var buffer = new byte[1];
        Assert.That(await stream.ReadAsync(buffer), Is.EqualTo(1));
        Assert.That(buffer[0], Is.EqualTo(7));
    }

    [Test]
    public async Task WriteAsync_Bytes_GoToInnerStream()
    {
        var inner = new MemoryStream();
        await using var stream = new ConnectionStream(inner, [1], TimeProvider.System);

        await stream.WriteAsync(new byte[] { 8, 9 });

        Assert.That(inner.ToArray(), Is.EqualTo(new byte[] { 8, 9 }));
    }

    [Test]
    public async Task ReadAsync_SmallReads_OneInnerReadServesSeveral()
    {
        // An unmasked binary frame of 8 bytes: the stream serves a header and a payload, each whole.
        var inner = new CountingStream([0x82, 8, 3, 4, 5, 6, 7, 8, 9, 10]);
        await using var stream = new ConnectionStream(inner, [], TimeProvider.System);
        var header = new byte[2];
        var payload = new byte[8];

        Assert.That(await stream.ReadAsync(header), Is.EqualTo(2));
        Assert.That(await stream.ReadAsync(payload), Is.EqualTo(8));

        Assert.That(inner.Reads, Is.EqualTo(1));
        Assert.That(payload, Is.EqualTo(new byte[] { 3, 4, 5, 6, 7, 8, 9, 10 }));
    }

    [Test]
    public async Task ReadAsync_LargeReadWithNothingBuffered_GoesStraightToInner()
    {
        // One binary frame declaring the rest as its payload: framing the guard counts as one message.
        // Its header came with the request head; the payload's large reads then find nothing buffered.
        var inner = new CountingStream(new byte[39990]);
        await using var stream = new ConnectionStream(inner, [0x82, 127, 0, 0, 0, 0, 0, 0, 0x9C, 0x36], TimeProvider.System);
        Assert.That(await stream.ReadAsync(new byte[2]), Is.EqualTo(2));
        Assert.That(await stream.ReadAsync(new byte[8]), Is.EqualTo(8));

        Assert.That(await stream.ReadAsync(new byte[32768]), Is.EqualTo(32768));
        Assert.That(await stream.ReadAsync(new byte[32768]), Is.EqualTo(7222));
        Assert.That(inner.Reads, Is.EqualTo(2));
    }

    [Test]
    public async Task ReadAsync_InnerAtEnd_ReturnsZero()
    {
        await using var stream = new ConnectionStream(new CountingStream([]), [], TimeProvider.System);

        Assert.That(await stream.ReadAsync(new byte[2]), Is.Zero);
    }

    [Test]
    public async Task WriteAsync_InsideBatch_GoesOutAsOneWriteAtTheEnd()
    {
        var inner = new CountingStream([]);
        await using var stream = new ConnectionStream(inner, [], TimeProvider.System);

        stream.BeginBatch();
        await stream.WriteAsync(new byte[] { 1, 2 });
        await stream.WriteAsync(new byte[] { 3 });
        Assert.That(inner.Writes, Is.Zero, "nothing written before the batch ends");
        await stream.EndBatchAsync();
        await stream.WriteAsync(new byte[] { 4 });

        Assert.That(inner.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
        Assert.That(inner.Writes, Is.EqualTo(2));
    }

    [Test]
    public async Task WriteAsync_BatchWouldOverflow_GatheredGoFirstThenTheWrite()
    {
        var inner = new CountingStream([]);
        await using var stream = new ConnectionStream(inner, [], TimeProvider.System);
        var big = Enumerable.Repeat((byte)7, 40000).ToArray();

        stream.BeginBatch();
        await stream.WriteAsync(new byte[] { 1 });
        await stream.WriteAsync(big);
        await stream.WriteAsync(new byte[] { 2 });
        await stream.EndBatchAsync();

        Assert.That(inner.ToArray(), Is.EqualTo(new byte[] { 1 }.Concat(big).Append((byte)2).ToArray()));
        Assert.That(inner.Writes, Is.EqualTo(3));
    }

    [Test]
    public async Task EndBatchAsync_NothingGathered_WritesNothing()
    {
        var inner = new CountingStream([]);
        await using var stream = new ConnectionStream(inner, [], TimeProvider.System);

        stream.BeginBatch();
        await stream.EndBatchAsync();

        Assert.That(inner.Writes, Is.Zero);
    }

    /// <summary>An expandable memory stream that starts with <c>data</c> to read and counts the calls made to it.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public CountingStream(byte[] data)
        {
            Write(data, 0, data.Length);
            Position = 0;
        }

        public int Reads { get; private set; }

        public int Writes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            return base.ReadAsync(buffer, cancellationToken);
        }
    }
}
