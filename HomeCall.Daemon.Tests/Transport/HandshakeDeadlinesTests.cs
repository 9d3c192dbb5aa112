using System.Net;
using System.Net.Sockets;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>HANDSHAKE_TIMEOUT_MS kept by one timer for every pending head (docs/protocol.md §2.2 row 2), on a fake clock.</summary>
public sealed class HandshakeDeadlinesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    [Test]
    public async Task Begin_DeadlinePasses_ReadEndedAndEndSaysTimedOut()
    {
        var time = new FakeTimeProvider();
        var deadlines = new HandshakeDeadlines(time);
        using var pair = await SocketPair.OpenAsync();
        var pending = deadlines.Begin(pair.Server, Timeout, CancellationToken.None);
        var read = pair.ReadAsync();

        time.Advance(Timeout - Tick);
        Assert.That(read.IsCompleted, Is.False, "still reading before the deadline");
        time.Advance(Tick);

        Assert.That(await read.WaitAsync(WsClient.DefaultWait), Is.Zero, "the read ends as end-of-stream");
        Assert.That(deadlines.End(pending), Is.False);
        Assert.That(pending.State, Is.EqualTo(HandshakeState.TimedOut));
        Assert.That(deadlines.Count, Is.Zero);
    }

    [Test]
    public async Task End_BeforeDeadline_ReadGoesOnAfterIt()
    {
        var time = new FakeTimeProvider();
        var deadlines = new HandshakeDeadlines(time);
        using var pair = await SocketPair.OpenAsync();
        var pending = deadlines.Begin(pair.Server, Timeout, CancellationToken.None);

        time.Advance(Timeout - Tick);
        Assert.That(deadlines.End(pending), Is.True);
        time.Advance(Timeout);
        var read = pair.ReadAsync();
        await pair.Client.SendAsync(new byte[] { 1 });

        Assert.That(await read.WaitAsync(WsClient.DefaultWait), Is.EqualTo(1));
        Assert.That(pending.State, Is.EqualTo(HandshakeState.Ended));
    }

    [Test]
    public async Task Begin_SocketsStartedAtDifferentTimes_OneTimerEndsEachAtItsOwnDeadline()
    {
        var time = new CountingTimeProvider();
        var deadlines = new HandshakeDeadlines(time);
        var pairs = new List<SocketPair>();
        for (var i = 0; i < 5; i++)
        {
            pairs.Add(await SocketPair.OpenAsync());
            deadlines.Begin(pairs[^1].Server, Timeout, CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var states = pairs.Select(p => p.ReadAsync()).ToArray();

        // Started at 0 s … 4 s; now 5 s. At 11.5 s the first two are past their deadlines (10 s, 11 s).
        time.Advance(TimeSpan.FromSeconds(6.5));
        await Task.WhenAll(states[..2]).WaitAsync(WsClient.DefaultWait);
        Assert.That(states.Select(s => s.IsCompleted), Is.EqualTo(new[] { true, true, false, false, false }));
        Assert.That(deadlines.Count, Is.EqualTo(3));
        Assert.That(time.TimersCreated, Is.EqualTo(1), "one timer for every deadline");

        time.Advance(TimeSpan.FromSeconds(3));
        await Task.WhenAll(states).WaitAsync(WsClient.DefaultWait);
        Assert.That(deadlines.Count, Is.Zero);
        pairs.ForEach(p => p.Dispose());
    }

    [Test]
    public async Task Begin_StopTokenFires_PendingAndLaterReadsEndedAsStopped()
    {
        var deadlines = new HandshakeDeadlines(new FakeTimeProvider());
        using var stop = new CancellationTokenSource();
        using var early = await SocketPair.OpenAsync();
        using var late = await SocketPair.OpenAsync();
        var pending = deadlines.Begin(early.Server, Timeout, stop.Token);
        var read = early.ReadAsync();

        await stop.CancelAsync();
        var after = deadlines.Begin(late.Server, Timeout, stop.Token);

        Assert.That(await read.WaitAsync(WsClient.DefaultWait), Is.Zero);
        Assert.That(await late.ReadAsync().WaitAsync(WsClient.DefaultWait), Is.Zero);
        Assert.That(new[] { pending.State, after.State }, Is.All.EqualTo(HandshakeState.Stopped));
        Assert.That(deadlines.End(pending), Is.False);
    }

    /// <summary>Two connected loopback sockets (port 0): the server side is the one under a deadline.</summary>
    private sealed class SocketPair : IDisposable
    {
        private SocketPair(Socket server, Socket client) => (Server, Client) = (server, client);

        public Socket Server { get; }

        public Socket Client { get; }

        public static async Task<SocketPair> OpenAsync()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndPoint!);
            return new SocketPair(await listener.AcceptAsync(), client);
        }

        public Task<int> ReadAsync() => Server.ReceiveAsync(new byte[16], SocketFlags.None);

        public void Dispose()
        {
            Server.Dispose();
            Client.Dispose();
        }
    }
}
