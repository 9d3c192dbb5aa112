using System.Net.Sockets;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>A <see cref="ConnectionStream"/> over a real loopback socket: writes go straight to the kernel, and only what it cannot take is awaited, in order.</summary>
public sealed class ConnectionStreamSocketTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>More than the kernel buffers on both ends take while nobody reads (a few MiB at most on Linux loopback).</summary>
    private const int BeyondSocketBuffersBytes = 64 * 1024 * 1024;

    /// <summary>What the peer reads before the second write: room for it in the kernel's buffer.</summary>
    private const int HeadBytes = 1024 * 1024;

    [Test]
    public async Task WriteAsync_SocketTakesItAtOnce_AllocatesNothing()
    {
        // A first pair takes the JIT's and the socket engine's one-time allocations.
        var (warmStream, warmPeer) = await PairAsync();
        await using (warmStream)
        using (warmPeer)
        {
            await warmStream.WriteAsync(new byte[] { 1 });
        }

        var (stream, peer) = await PairAsync();
        await using var _ = stream;
        using var __ = peer;
        var frame = new byte[] { 0x81, 1, (byte)'a' };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var write = stream.WriteAsync(frame);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(write.IsCompletedSuccessfully, Is.True);
        // An awaited socket send would leave a ~270-byte event-args object on the socket for its whole life.
        Assert.That(allocated, Is.Zero);
        var received = new byte[3];
        await peer.ReceiveAsync(received.AsMemory()).AsTask().WaitAsync(Wait);
        Assert.That(received, Is.EqualTo(frame));
    }

    [Test]
    public async Task WriteAsync_AfterAWriteTheSocketCouldNotTake_QueuesBehindIt()
    {
        var (stream, peer) = await PairAsync();
        await using var _ = stream;
        using var __ = peer;
        var big = new byte[BeyondSocketBuffersBytes];
        big.AsSpan().Fill((byte)'b');

        var first = stream.WriteAsync(big);
        Assert.That(first.IsCompleted, Is.False, "the peer reads nothing yet, so the kernel cannot take it all");
        // Room in the kernel's buffer again while the rest of the big write still waits: a write
        // that went straight to the socket now would land inside it.
        var head = await ReceiveAsync(peer, HeadBytes);
        var second = stream.WriteAsync("tail"u8.ToArray());

        var received = head.Concat(await ReceiveAsync(peer, big.Length + 4 - HeadBytes)).ToArray();
        await first.AsTask().WaitAsync(Wait);
        await second.AsTask().WaitAsync(Wait);

        Assert.That(received.AsSpan(0, big.Length).IndexOfAnyExcept((byte)'b'), Is.EqualTo(-1), "the big write arrives whole, nothing inside it");
        Assert.That(received.AsSpan(big.Length).ToArray(), Is.EqualTo("tail"u8.ToArray()), "the later write arrives after it");
    }

    private static async Task<byte[]> ReceiveAsync(Socket peer, int length)
    {
        var received = new byte[length];
        for (var filled = 0; filled < length;)
        {
            var n = await peer.ReceiveAsync(received.AsMemory(filled)).AsTask().WaitAsync(Wait);
            Assert.That(n, Is.Positive, "the stream's socket closed early");
            filled += n;
        }

        return received;
    }

    private static async Task<(ConnectionStream Stream, Socket Peer)> PairAsync()
    {
        var (server, peer) = await LoopbackSockets.ConnectAsync();
        return (new ConnectionStream(new NetworkStream(server, ownsSocket: true), [], TimeProvider.System), peer);
    }
}
