using System.Net.WebSockets;
using System.Text;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>Slow readers (docs/protocol.md §10.1, §10.2) on a fake clock: the queue bound, SEND_TIMEOUT_MS and the order of what goes out.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class SendQueueTests
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly CapturingSink _logs = new();

    private (SendQueue Queue, WebSocket Ws, StallingStream Stream) Create(bool stalling, int maxQueueBytes = 100, Action? closeSent = null)
    {
        var stream = new StallingStream(stalling);
        var connectionStream = new ConnectionStream(stream, [], TimeProvider.System);
        var ws = WebSocket.CreateFromStream(connectionStream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var limits = new ConnectionServices(65536, maxQueueBytes, SendTimeout, _time);
        return (new SendQueue(ws, connectionStream, limits, new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(_logs).CreateLogger(), closeSent ?? (() => { })), ws, stream);
    }

    private static byte[] Message(char fill, int length) => Encoding.ASCII.GetBytes(new string(fill, length));

    [Test]
    public async Task Send_WithinBound_FramesGoOutInOrderThenClose()
    {
        var (queue, ws, stream) = Create(stalling: false);

        Assert.That(queue.Send(Message('a', 3)), Is.True);
        Assert.That(queue.Send(Message('b', 3)), Is.True);
        queue.Close(CloseStatus.GoingAway, "bye");
        await queue.FinishAsync(Wait);

        // Unmasked server frames (RFC 6455 §5.2): FIN+text, length, payload; then FIN+close, status 1001, reason.
        byte[] expected = [0x81, 3, .. "aaa"u8, 0x81, 3, .. "bbb"u8, 0x88, 5, 0x03, 0xE9, .. "bye"u8];
        Assert.That(stream.Written, Is.EqualTo(expected));
        Assert.That(queue.SentCloseStatus, Is.EqualTo(1001));
        Assert.That(ws.State, Is.EqualTo(WebSocketState.CloseSent));
    }

    [Test]
    public async Task Send_CompletedInTime_DeadlineIsDisarmed()
    {
        var (queue, ws, stream) = Create(stalling: false);
        queue.Send(Message('a', 3));
        await Poll.UntilAsync(() => !queue.IsDraining, "the send to complete", Wait);

        _time.Advance(SendTimeout * 2);

        Assert.That(ws.State, Is.EqualTo(WebSocketState.Open));
        Assert.That(queue.Send(Message('b', 3)), Is.True);
        await Poll.UntilAsync(() => !queue.IsDraining, "the second send to complete", Wait);
        Assert.That(stream.Written, Has.Length.EqualTo(10));
        Assert.That(_logs.Events, Is.Empty, "no send failed");
    }

    [Test]
    public void Send_AfterClose_ReturnsFalse()
    {
        var (queue, _, _) = Create(stalling: false);

        queue.Close(CloseStatus.Normal, "");

        Assert.That(queue.IsClosing, Is.True);
        Assert.That(queue.Send(Message('a', 1)), Is.False);
    }

    [Test]
    public async Task Send_PeerStopsReading_AbortedAfterSendTimeoutOnly()
    {
        var (queue, ws, stream) = Create(stalling: true);
        queue.Send(Message('a', 10));
        await Poll.UntilAsync(() => queue.IsWriteWaiting, "the first send to wait on the socket", Wait);

        _time.Advance(SendTimeout - TimeSpan.FromMilliseconds(1));
        Assert.That(ws.State, Is.EqualTo(WebSocketState.Open), "not before SEND_TIMEOUT_MS");

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(ws.State, Is.EqualTo(WebSocketState.Aborted));
        await Poll.UntilAsync(() => queue.IsClosing, "the queue to stop taking messages", Wait);
    }

    [Test]
    public async Task Send_PastQueueBound_ReturnsFalseClosesAndAbortsAfterGrace()
    {
        var (queue, ws, stream) = Create(stalling: true, maxQueueBytes: 100);
        Assert.That(queue.Send(Message('a', 40)), Is.True);
        await Poll.UntilAsync(() => queue.IsWriteWaiting, "the first send to wait on the socket", Wait);
        Assert.That(queue.Send(Message('b', 40)), Is.True, "80 of 100 bytes waiting");

        Assert.That(queue.Send(Message('c', 40)), Is.False, "120 bytes would be over the bound");
        Assert.That(queue.IsClosing, Is.True);
        Assert.That(queue.Send(Message('d', 1)), Is.False);

        _time.Advance(SendQueue.OverflowSendGrace - TimeSpan.FromMilliseconds(1));
        Assert.That(ws.State, Is.EqualTo(WebSocketState.Open));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(ws.State, Is.EqualTo(WebSocketState.Aborted), "well before SEND_TIMEOUT_MS");
    }

    [Test]
    public async Task Send_SeveralWaiting_GoOutInOneWriteInOrder()
    {
        var stream = new GatedStream();
        var connectionStream = new ConnectionStream(stream, [], TimeProvider.System);
        var ws = WebSocket.CreateFromStream(connectionStream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var queue = new SendQueue(ws, connectionStream, new ConnectionServices(65536, 1000, SendTimeout, _time), new LoggerConfiguration().CreateLogger(), () => { });
        queue.Send(Message('a', 1));
        await Poll.UntilAsync(() => queue.IsWriteWaiting, "the first send to wait on the socket", Wait);

        queue.Send(Message('b', 1));
        queue.Send(Message('c', 1));
        queue.Close(CloseStatus.Normal, "");
        stream.Open();
        await queue.FinishAsync(Wait);

        byte[] batch = [0x81, 1, (byte)'b', 0x81, 1, (byte)'c'];
        Assert.That(stream.Writes, Is.EqualTo(new[] { new byte[] { 0x81, 1, (byte)'a' }, batch, [0x88, 2, 0x03, 0xE8] }));
        Assert.That(ws.State, Is.EqualTo(WebSocketState.CloseSent));
    }

    [Test]
    public async Task FinishAsync_DrainStuck_AbortsAfterTimeout()
    {
        var (queue, ws, stream) = Create(stalling: true);
        queue.Send(Message('a', 10));
        await Poll.UntilAsync(() => queue.IsWriteWaiting, "the first send to wait on the socket", Wait);

        var finishing = queue.FinishAsync(TimeSpan.FromSeconds(5));
        Assert.That(finishing.IsCompleted, Is.False);
        _time.Advance(TimeSpan.FromSeconds(5));

        await finishing.WaitAsync(Wait);
        Assert.That(ws.State, Is.EqualTo(WebSocketState.Aborted));
    }

    [Test]
    public async Task FinishAsync_DrainThrowsUnexpectedly_AbortsAndReturnsWithoutWaitingTimeout()
    {
        // The close-sent callback is the seam: it runs inside the drain, and an exception from it
        // is not a send failure (the writing side lets it through).
        var (queue, ws, _) = Create(stalling: false, closeSent: () => throw new InvalidOperationException("callback failed"));
        queue.Close(CloseStatus.Normal, "");
        await Poll.UntilAsync(() => !queue.IsDraining, "the failed drain to stop draining", Wait);

        // The fake clock never moves: FinishAsync returns only because the drain ended, not by its timeout.
        await queue.FinishAsync(TimeSpan.FromMinutes(5)).WaitAsync(Wait);

        Assert.That(ws.State, Is.EqualTo(WebSocketState.Aborted));
        Assert.That(queue.IsClosing, Is.True);
        Assert.That(queue.Send(Message('a', 1)), Is.False, "nothing is queued behind a dead drain");
        Assert.That(_logs.Errors.Count(), Is.EqualTo(1), "the unexpected exception is logged once, as an error");
    }
}
