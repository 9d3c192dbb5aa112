using System.Net.WebSockets;
using System.Text;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>A send queue's backlog: held only while a drain has frames waiting, and nothing lost or reordered when many threads send at once.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class SendQueueBacklogTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();

    private (SendQueue Queue, WebSocket Ws) Create(Stream inner, int maxQueueBytes) => TestSendQueues.Create(inner, maxQueueBytes, _time);

    [Test]
    public async Task Send_BacklogDrained_QueueReleased()
    {
        var stream = new GatedStream();
        var (queue, _) = Create(stream, 1000);
        queue.Send("a"u8.ToArray());
        await Poll.UntilAsync(() => queue.IsWriteWaiting, "the first send to wait on the socket", Wait);
        queue.Send("b"u8.ToArray());
        queue.Send("c"u8.ToArray());
        Assert.That(queue.HoldsBacklog, Is.True, "two frames wait behind the one on the socket");

        stream.Open();
        await Poll.UntilAsync(() => !queue.IsDraining, "the backlog to drain", Wait);

        Assert.That(stream.Writes.SelectMany(w => w).Count(), Is.EqualTo(9), "three 3-byte frames went out");
        Assert.That(queue.HoldsBacklog, Is.False, "an idle connection keeps no array of frames");
    }

    [Test]
    public async Task Send_ManyThreadsAtOnce_EveryMessageOutInEachSendersOrder()
    {
        const int Senders = 4;
        const int PerSender = 500;
        var stream = new StallingStream(stalling: false);
        var (queue, _) = Create(stream, int.MaxValue);
        using var start = new Barrier(Senders);

        var sending = Enumerable.Range(0, Senders).Select(s => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerSender; i++)
            {
                Assert.That(queue.Send(Encoding.ASCII.GetBytes($"{s}:{i:D4}")), Is.True);
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
            Assert.That(own, Is.EqualTo(Enumerable.Range(0, PerSender).Select(i => $"{s}:{i:D4}")), $"sender {s}'s messages, all and in order");
        }

        Assert.That(queue.HoldsBacklog, Is.False);
    }
}
