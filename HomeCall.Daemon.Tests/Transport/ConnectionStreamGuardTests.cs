using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

// These tests look at whether a read completed at once before awaiting it (each ValueTask is still consumed once).
#pragma warning disable CA2012

/// <summary>The read guard in <see cref="ConnectionStream"/>: pacing, the frame budget, and the close status it notes.</summary>
public sealed class ConnectionStreamGuardTests
{
    /// <summary>A masked empty pong (RFC 6455 §5.5.3), the cheapest frame a client can flood.</summary>
    private static readonly byte[] Pong = [0x8A, 0x80, 0, 0, 0, 0];

    [Test]
    public async Task ReadAsync_DataAlwaysWaiting_YieldsTheThreadAfterMaxUnbrokenReads()
    {
        // One frame declaring a huge payload: no frame budget is spent, only reads.
        byte[] data = [0x82, 127, 0, 0, 0, 0, 0, 0x10, 0, 0, .. new byte[ReadGuard.MaxUnbrokenReads + 10]];
        await using var stream = new ConnectionStream(new MemoryStream(data), [], TimeProvider.System);
        var posted = new PostCollector();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(posted);
        try
        {
            for (var i = 0; i < ReadGuard.MaxUnbrokenReads; i++)
            {
                Assert.That(stream.ReadAsync(new byte[1]).IsCompleted, Is.True, "read " + i + " needed no wait");
            }

            var yielded = stream.ReadAsync(new byte[1]);
            Assert.That(yielded.IsCompleted, Is.False, "the read after the unbroken run gives the thread up");
            Assert.That(posted.Count, Is.EqualTo(1));
            posted.RunAll();
            Assert.That(await yielded, Is.EqualTo(1));
            Assert.That(stream.ReadAsync(new byte[1]).IsCompleted, Is.True, "the count starts again after the yield");
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    [Test]
    public async Task ReadAsync_BytesAlwaysWaiting_YieldsAfterMaxUnbrokenBytes()
    {
        byte[] data = [0x82, 127, 0, 0, 0, 0, 0, 0x10, 0, 0, .. new byte[ReadGuard.MaxUnbrokenBytes]];
        await using var stream = new ConnectionStream(new MemoryStream(data), [], TimeProvider.System);
        var posted = new PostCollector();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(posted);
        try
        {
            var read = 0;
            while (read < ReadGuard.MaxUnbrokenBytes)
            {
                var next = stream.ReadAsync(new byte[65536]);
                Assert.That(next.IsCompleted, Is.True, "after " + read + " bytes");
                read += await next;
            }

            Assert.That(stream.ReadAsync(new byte[65536]).IsCompleted, Is.False);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    [Test]
    public async Task ReadAsync_PongFloodPastTheBudget_ToldOnceThenReadsNothingUntilDisposed()
    {
        var time = new FakeTimeProvider();
        var flood = Enumerable.Repeat(Pong, FrameBudget.Burst + 100).SelectMany(f => f).ToArray();
        var stream = new ConnectionStream(new MemoryStream(flood), [], time);
        var told = 0;
        stream.FrameFlood = () => told++;

        var passed = 0;
        while (told == 0)
        {
            var n = await stream.ReadAsync(new byte[139]);
            Assert.That(n, Is.Positive, "the stream ran out of data before it halted");
            passed += n;
        }

        var read = stream.ReadAsync(new byte[1]);
        Assert.That(told, Is.EqualTo(1));
        Assert.That(passed, Is.GreaterThan(FrameBudget.Burst * Pong.Length).And.LessThan(flood.Length));
        Assert.That(read.IsCompleted, Is.False, "nothing more is read once halted");
        await stream.DisposeAsync();
        Assert.That(await read, Is.Zero, "disposing ends the halted read");
    }

    [Test]
    public async Task ReadAsync_PongsWithinTheBudgetEachSecond_NeverHalts()
    {
        var time = new FakeTimeProvider();
        var second = Enumerable.Repeat(Pong, FrameBudget.PerSecond).SelectMany(f => f).ToArray();
        byte[] data = [.. Enumerable.Repeat(second, 10).SelectMany(s => s)];
        await using var stream = new ConnectionStream(new MemoryStream(data), [], time);
        stream.FrameFlood = () => Assert.Fail("halted within the budget");

        var buffer = new byte[second.Length];
        for (var s = 0; s < 10; s++)
        {
            var got = 0;
            while (got < second.Length)
            {
                got += await stream.ReadAsync(buffer.AsMemory(got));
            }

            time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Test]
    public async Task WriteAsync_CloseFrames_FirstStatusIsKept()
    {
        await using var stream = new ConnectionStream(new MemoryStream(), [], TimeProvider.System);

        await stream.WriteAsync(new byte[] { 0x81, 0x02, 0x03, 0xEA }); // A text frame "\x03\xEA": not a close.
        Assert.That(stream.SentCloseStatus, Is.Zero);
        await stream.WriteAsync(new byte[] { 0x88, 0x02, 0x03, 0xEF }); // Close 1007, as the framing layer writes it.
        await stream.WriteAsync(new byte[] { 0x88, 0x02, 0x03, 0xE8 }); // A later close 1000 changes nothing.

        Assert.That(stream.SentCloseStatus, Is.EqualTo(1007));
    }

    /// <summary>Collects posted continuations (Task.Yield posts to the current context) so a test runs them when it chooses.</summary>
    private sealed class PostCollector : SynchronizationContext
    {
        private readonly List<(SendOrPostCallback Callback, object? State)> _posted = [];

        public int Count => _posted.Count;

        public override void Post(SendOrPostCallback d, object? state) => _posted.Add((d, state));

        public void RunAll()
        {
            var posted = _posted.ToArray();
            _posted.Clear();
            foreach (var (callback, state) in posted)
            {
                callback(state);
            }
        }
    }
}
