using System.Text;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>
/// An idle connection waits for the client's next frame outside the framing layer: bytes of a next
/// frame that arrived with the last one must never be left waiting on a quiet socket.
/// </summary>
public sealed class WebSocketConnectionIdleTests
{
    [Test]
    public async Task RunAsync_TwoMessagesInOneSegment_HandlesBoth()
    {
        await using var echo = await EchoConnection.OpenAsync();

        await echo.SendAsync(WireFrame.Concat(WireFrame.TextFrame("first"), WireFrame.TextFrame("second")));

        Assert.That((await echo.ReadFrameAsync()).Text, Is.EqualTo("first"));
        Assert.That((await echo.ReadFrameAsync()).Text, Is.EqualTo("second"));
    }

    [Test]
    public async Task RunAsync_ManySmallMessagesInOneSegment_HandlesAll()
    {
        // More than the framing layer's own receive buffer holds: several fills of it in one segment.
        var texts = Enumerable.Range(0, 50).Select(i => "m" + i).ToArray();
        await using var echo = await EchoConnection.OpenAsync();

        await echo.SendAsync(WireFrame.Concat(texts.Select(t => WireFrame.TextFrame(t)).ToArray()));

        foreach (var text in texts)
        {
            Assert.That((await echo.ReadFrameAsync()).Text, Is.EqualTo(text));
        }
    }

    [Test]
    public async Task RunAsync_FrameSplitAcrossSegments_HandlesItOnceWhole()
    {
        await using var echo = await EchoConnection.OpenAsync();
        var frame = WireFrame.Concat(WireFrame.TextFrame("before"), WireFrame.TextFrame("split across two segments"));
        var cut = frame.Length - 7;

        await echo.SendAsync(frame[..cut]);
        Assert.That((await echo.ReadFrameAsync()).Text, Is.EqualTo("before"));
        await Poll.UntilAsync(() => echo.ServerSocket.Available == 0, "the server to read the first part");
        await echo.SendAsync(frame[cut..]);

        Assert.That((await echo.ReadFrameAsync()).Text, Is.EqualTo("split across two segments"));
    }

    [Test]
    public async Task RunAsync_CloseRightAfterAMessageInOneSegment_HandlesTheMessageThenAnswersTheClose()
    {
        await using var echo = await EchoConnection.OpenAsync();

        await echo.SendAsync(WireFrame.Concat(WireFrame.TextFrame("last"), WireFrame.CloseFrame(CloseStatus.Normal)));

        Assert.That((await echo.ReadFrameAsync()).Text, Is.EqualTo("last"));
        var close = await echo.ReadFrameAsync();
        Assert.That(close.IsClose, Is.True);
        Assert.That(close.CloseStatus, Is.EqualTo(CloseStatus.Normal));
        await echo.Run.WaitAsync(RawWsConnection.DefaultWait);
    }

    [Test]
    public async Task RunAsync_PingWhileIdle_AnsweredWithItsPayload()
    {
        await using var echo = await EchoConnection.OpenAsync();
        await echo.SendAsync(WireFrame.TextFrame("hello"));
        await echo.ReadFrameAsync();

        await echo.SendAsync(WireFrame.Build(WireFrame.Ping, "are you there"u8));

        var pong = await echo.ReadFrameAsync();
        Assert.That(pong.Opcode, Is.EqualTo(WireFrame.Pong));
        Assert.That(Encoding.UTF8.GetString(pong.Payload), Is.EqualTo("are you there"));
    }

    [Test]
    public async Task RunAsync_PongsThenAMessageInOneSegment_HandlesTheMessage()
    {
        await using var echo = await EchoConnection.OpenAsync();
        var pong = WireFrame.Build(WireFrame.Pong, "p"u8);

        await echo.SendAsync(WireFrame.Concat(pong, pong, WireFrame.TextFrame("after pongs"), pong));
        Assert.That((await echo.ReadFrameAsync()).Text, Is.EqualTo("after pongs"));
        await echo.SendAsync(WireFrame.TextFrame("and on"));

        Assert.That((await echo.ReadFrameAsync()).Text, Is.EqualTo("and on"));
    }

    [Test]
    public async Task RunAsync_IdleAfterAMessageAndAPong_HoldsNoReceiveInTheFramingLayer()
    {
        await using var echo = await EchoConnection.OpenAsync();
        await echo.SendAsync(WireFrame.TextFrame("hello"));
        await echo.ReadFrameAsync();

        // The keep-alive's ping, answered as a browser does.
        await Poll.UntilAsync(() => echo.Connection.CheckLiveness(0, 0, 0) == Liveness.Step.Ping, "the keep-alive to ping");
        Assert.That((await echo.ReadFrameAsync()).Opcode, Is.EqualTo(WireFrame.Ping));
        await echo.SendAsync(WireFrame.Build(WireFrame.Pong, []));
        // With a ping awaited and no time left, the check reports the pong heard (None) or overdue.
        await Poll.UntilAsync(() => echo.Connection.CheckLiveness(0, 0, 0) == Liveness.Step.None, "the pong to be read");

        Assert.That(echo.WebSocket.ReceivePending, Is.False, "an idle connection holds no receive of the framing layer");
        await echo.SendAsync(WireFrame.TextFrame("still here"));
        Assert.That((await echo.ReadFrameAsync()).Text, Is.EqualTo("still here"));
    }
}
