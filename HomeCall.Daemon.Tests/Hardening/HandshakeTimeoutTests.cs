using System.Net.Sockets;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Slowloris guards (docs/protocol.md §2.2): the whole head must arrive within HANDSHAKE_TIMEOUT_MS
/// (dribbling bytes does not extend it), and at most MAX_PENDING_HANDSHAKES sockets may be
/// in the handshake at once. The server runs on a fake clock moved by hand, after the
/// test has seen the server start the handshake's deadline.
/// </summary>
public sealed class HandshakeTimeoutTests
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private static readonly byte[] FirstHalf = "GET /signal HTTP/1.1\r\nHost: localhost\r\n"u8.ToArray();

    private static byte[] SecondHalf => System.Text.Encoding.ASCII.GetBytes(RawHttp.UpgradeRequest("/signal")[FirstHalf.Length..]);

    [Test]
    public async Task Handshake_HeadCompletedJustBeforeTimeout_Upgraded()
    {
        var time = new FakeTimeProvider();
        await using var server = TestServer.Start(new DaemonOptions { HandshakeTimeout = HandshakeTimeout }, time);
        await using var raw = await StartHeadAsync(server, 1);

        time.Advance(HandshakeTimeout - TimeSpan.FromMilliseconds(1));
        await raw.SendAsync(SecondHalf);

        Assert.That(await ReadStatusLineAsync(raw.Socket), Does.StartWith("HTTP/1.1 101 "));
    }

    [Test]
    public async Task Handshake_HeadDribbledPastTimeout_ClosedWithoutAnswer()
    {
        var time = new FakeTimeProvider();
        await using var server = TestServer.Start(new DaemonOptions { HandshakeTimeout = HandshakeTimeout }, time);
        await using var raw = await StartHeadAsync(server, 1);

        time.Advance(TimeSpan.FromSeconds(6));
        await raw.SendAsync(SecondHalf[..10]); // Still no blank line: the clock is not reset by progress.
        time.Advance(TimeSpan.FromSeconds(4));

        Assert.That(await ReadStatusLineAsync(raw.Socket), Is.Empty, "closed without an HTTP answer");
        Assert.That(server.Logs.Lines, Has.Some.StartsWith("Handshake not completed within 10000 ms"));
    }

    [Test]
    public async Task Handshake_MorePendingThanLimit_ExtraDroppedOthersStillServed()
    {
        var time = new FakeTimeProvider();
        await using var server = TestServer.Start(new DaemonOptions { MaxPendingHandshakes = 3 }, time);
        var pending = new List<RawWsConnection>();
        for (var i = 0; i < 3; i++)
        {
            pending.Add(await StartHeadAsync(server, i + 1));
        }

        await using var extra = await StartHeadAsync(server, expectedHeads: null);
        Assert.That(await ReadStatusLineAsync(extra.Socket), Is.Empty, "the fourth pending handshake is dropped at once");

        await pending[0].SendAsync(SecondHalf);
        Assert.That(await ReadStatusLineAsync(pending[0].Socket), Does.StartWith("HTTP/1.1 101 "));
        await using var next = await RawWsConnection.OpenAsync(server.Endpoint, "/signal");
        Assert.That(next.Status, Is.EqualTo(101), "a slot freed by an upgrade is reused");
        foreach (var p in pending)
        {
            await p.DisposeAsync();
        }
    }

    [Test]
    public async Task Handshake_ManyHeadsPending_OneTimerForEveryDeadline()
    {
        // A timer (and cancellation sources) per connection was a measurable part of a connection's set-up cost.
        var time = new CountingTimeProvider();
        await using var server = TestServer.Start(new DaemonOptions { HandshakeTimeout = HandshakeTimeout }, time);
        var before = time.TimersCreated;
        var pending = new List<RawWsConnection>();
        for (var i = 0; i < 5; i++)
        {
            pending.Add(await StartHeadAsync(server, i + 1));
        }

        Assert.That(time.TimersCreated - before, Is.EqualTo(1));
        time.Advance(HandshakeTimeout);
        foreach (var p in pending)
        {
            Assert.That(await ReadStatusLineAsync(p.Socket), Is.Empty, "closed without an HTTP answer");
            await p.DisposeAsync();
        }
    }

    /// <summary>Connects, sends the first half of a head, and waits until the server started its deadline.</summary>
    private static async Task<RawWsConnection> StartHeadAsync(TestServer server, int? expectedHeads)
    {
        var socket = await RawWsConnection.ConnectSocketAsync(server.Endpoint);
        await socket.SendAsync(FirstHalf);
        if (expectedHeads is { } n)
        {
            await Poll.UntilAsync(() => server.Host.HeadsBeingRead >= n, "the server to start the handshake's deadline");
        }

        return RawWsConnection.Wrap(socket);
    }

    /// <summary>The first line the server sent, or empty when it closed without sending anything.</summary>
    private static async Task<string> ReadStatusLineAsync(Socket socket)
    {
        using var cts = new CancellationTokenSource(RawWsConnection.DefaultWait);
        var buffer = new byte[256];
        try
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, n);
        }
        catch (SocketException)
        {
            return "";
        }
    }
}
