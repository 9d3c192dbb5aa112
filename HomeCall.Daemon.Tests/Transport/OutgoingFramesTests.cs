using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class OutgoingFramesTests
{
    private static OutgoingFrame Frame(byte b) => new(new[] { b }, 0, null);

    [Test]
    public void TryDequeue_FramesAroundTheFirstSlot_OldestFirst()
    {
        var frames = new OutgoingFrames();
        frames.Enqueue(Frame(1));
        frames.Enqueue(Frame(2));
        frames.TryDequeue(out var first);
        frames.Enqueue(Frame(3)); // The first slot is free, but 2 still waits in the backlog.

        var rest = new List<byte>();
        while (frames.TryDequeue(out var f))
        {
            rest.Add(f.Data.Span[0]);
        }

        Assert.That(first.Data.Span[0], Is.EqualTo(1));
        Assert.That(rest, Is.EqualTo(new byte[] { 2, 3 }));
        Assert.That(frames.Count, Is.Zero);
    }

    [Test]
    public void Enqueue_OneFrame_NoBacklogQueue()
    {
        var frames = new OutgoingFrames();
        frames.Enqueue(Frame(1));

        Assert.That((frames.Count, frames.HoldsBacklog), Is.EqualTo((1, false)));
    }

    [Test]
    public void Release_BacklogEmptied_QueueDropped()
    {
        var frames = new OutgoingFrames();
        frames.Enqueue(Frame(1));
        frames.Enqueue(Frame(2));
        frames.Release();
        Assert.That(frames.HoldsBacklog, Is.True, "not released while a frame waits in it");

        while (frames.TryDequeue(out _))
        {
        }

        frames.Release();
        Assert.That(frames.HoldsBacklog, Is.False);
    }
}
