using System.Net.WebSockets;
using System.Text;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>Pooled messages on send queues: each buffer goes back once, after its last send or when it is dropped, never before.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class SendQueuePoolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly CountingArrayPool _arrays = new();
    private readonly MessagePool _pool;

    public SendQueuePoolTests() => _pool = new MessagePool(_arrays);

    private (SendQueue Queue, WebSocket Ws) Create(Stream inner, int maxQueueBytes = int.MaxValue) => TestSendQueues.Create(inner, maxQueueBytes, _time);

    /// <summary>Sends a pooled copy of <paramref name="text"/> as a relay does: the sender's own reference is released after.</summary>
    private bool SendPooled(SendQueue queue, string text)
    {
        var lease = _pool.Rent(Encoding.ASCII.GetBytes(text));
        try
        {
            return queue.Send(lease);
        }
        finally
        {
            lease.Release();
        }
    }

    [Test]
    public async Task Send_AbortedWithFramesQueued_EveryBufferReturned()
    {
        var (queue, ws) = Create(new StallingStream(stalling: true));
        Assert.That(SendPooled(queue, "first"), Is.True);
        await Poll.UntilAsync(() => queue.IsWriteWaiting, "the first send to wait on the socket", Wait);
        for (var i = 0; i < 5; i++)
        {
            Assert.That(SendPooled(queue, $"queued {i}"), Is.True);
        }

        Assert.That(_arrays.Returned, Is.Zero, "the queue holds every message");

        ws.Abort();
        await Poll.UntilAsync(() => !queue.IsDraining, "the drain to stop", Wait);

        Assert.That((_arrays.Rented, _arrays.Outstanding), Is.EqualTo((6, 0)), "the frame in flight and the five queued went back");
        Assert.That(SendPooled(queue, "late"), Is.False);
        Assert.That(_arrays.Outstanding, Is.Zero, "a refused message is not kept");
    }

    [Test]
    public async Task Send_QueueOverflows_DroppedBuffersReturned()
    {
        var (queue, _) = Create(new StallingStream(stalling: true), maxQueueBytes: 20);
        Assert.That(SendPooled(queue, "0123456789"), Is.True);
        await Poll.UntilAsync(() => queue.IsWriteWaiting, "the first send to wait on the socket", Wait);
        Assert.That(SendPooled(queue, "abcdefghij"), Is.True);

        Assert.That(SendPooled(queue, "overflow!!"), Is.False);

        Assert.That(_arrays.Outstanding, Is.EqualTo(1), "only the frame on the socket is still held");
        _time.Advance(SendQueue.OverflowSendGrace);
        await Poll.UntilAsync(() => !queue.IsDraining, "the slow reader to be aborted", Wait);
        Assert.That(_arrays.Outstanding, Is.Zero);
    }

    [Test]
    public async Task Send_OneMessageToManyQueues_BufferReturnedOnceAfterLastSend()
    {
        const int Members = 5;
        var last = new GatedStream();
        var streams = Enumerable.Range(0, Members - 1).Select(_ => (Stream)new StallingStream(stalling: false)).Append(last).ToArray();
        var queues = streams.Select(s => Create(s).Queue).ToArray();

        var relay = _pool.Rent("broadcast"u8);
        Assert.That(queues.Select(q => q.Send(relay)).ToArray(), Is.All.True);
        relay.Release();
        await Poll.UntilAsync(() => queues.Take(Members - 1).All(q => !q.IsDraining), "the open members' sends", Wait);
        await Poll.UntilAsync(() => queues[^1].IsWriteWaiting, "the last member's send to wait on the socket", Wait);

        Assert.That(_arrays.Returned, Is.Zero, "a send is still in flight");

        last.Open();
        await Poll.UntilAsync(() => !queues[^1].IsDraining, "the last send", Wait);
        Assert.That((_arrays.Rented, _arrays.Returned), Is.EqualTo((1, 1)));
        Assert.That(last.Writes.SelectMany(w => w).Skip(2), Is.EqualTo("broadcast"u8.ToArray()), "the last member got the bytes intact");
    }

    [Test]
    public async Task Send_ManyThreadsToOneReceiver_EveryRelayByteIdenticalInEachSendersOrder()
    {
        const int Senders = 4;
        const int PerSender = 500;
        var stream = new StallingStream(stalling: false);
        var (queue, _) = Create(stream);
        using var start = new Barrier(Senders);

        var sending = Enumerable.Range(0, Senders).Select(s => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerSender; i++)
            {
                Assert.That(SendPooled(queue, Text(s, i)), Is.True);
            }
        })).ToArray();
        await Task.WhenAll(sending).WaitAsync(Wait);
        queue.Close(CloseStatus.Normal, "");
        await queue.FinishAsync(Wait);

        var messages = WireFrames.TextPayloads(stream.Written);
        Assert.That(messages, Has.Count.EqualTo(Senders * PerSender));
        for (var s = 0; s < Senders; s++)
        {
            var own = messages.Where(m => m.StartsWith($"{s}:", StringComparison.Ordinal)).ToList();
            Assert.That(own, Is.EqualTo(Enumerable.Range(0, PerSender).Select(i => Text(s, i))), $"sender {s}'s relays, intact and in order");
        }

        Assert.That((_arrays.Rented, _arrays.Outstanding), Is.EqualTo((Senders * PerSender, 0)));
    }

    /// <summary>Distinct per sender and message, and different in length, so a buffer reused too early shows as wrong bytes.</summary>
    private static string Text(int sender, int index) => $"{sender}:{index:D4}:" + new string((char)('a' + ((sender + index) % 26)), index % 40);
}
