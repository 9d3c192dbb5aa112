using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class PrefixedStreamTests
{
    [Test]
    public async Task ReadAsync_PrefixThenInner_ReturnsPrefixBytesFirstInOrder()
    {
        await using var stream = new PrefixedStream(new MemoryStream([4, 5, 6]), [1, 2, 3]);
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
        using var stream = new PrefixedStream(new MemoryStream([9]), [1, 2, 3]);
        var buffer = new byte[8];

        Assert.That(stream.Read(buffer, 0, 8), Is.EqualTo(3));
        Assert.That(stream.Read(buffer, 0, 8), Is.EqualTo(1));
        Assert.That(buffer[0], Is.EqualTo(9));
    }

    [Test]
    public async Task ReadAsync_EmptyBufferWithPrefix_ReturnsZeroWithoutConsuming()
    {
        await using var stream = new PrefixedStream(new MemoryStream(), [7]);

        Assert.That(await stream.ReadAsync(Memory<byte>.Empty), Is.Zero);
        var buffer = new byte[1];
        Assert.That(await stream.ReadAsync(buffer), Is.EqualTo(1));
        Assert.That(buffer[0], Is.EqualTo(7));
    }

    [Test]
    public async Task WriteAsync_Bytes_GoToInnerStream()
    {
        var inner = new MemoryStream();
        await using var stream = new PrefixedStream(inner, [1]);

        await stream.WriteAsync(new byte[] { 8, 9 });

        Assert.That(inner.ToArray(), Is.EqualTo(new byte[] { 8, 9 }));
    }
}
