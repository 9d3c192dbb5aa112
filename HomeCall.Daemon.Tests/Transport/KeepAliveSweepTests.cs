using System.Net;
using System.Net.WebSockets;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>docs/protocol.md §3.7 on a fake clock: one sweep pings quiet connections and drops those whose pong is a PING_INTERVAL_MS late.</summary>
public sealed class KeepAliveSweepTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan Visit = Interval / KeepAliveSweep.VisitsPerInterval;
    private static readonly byte[] Ping = [0x89, 0x00];
    private static readonly ILogger Log = new LoggerConfiguration().CreateLogger();

    private readonly FakeTimeProvider _time = new();
    private readonly ConnectionLedger _ledger = new(100_000, 100_000, 100_000);

    [Test]
    public void Sweep_QuietForInterval_SendsOnePingThenAwaitsThePong()
    {
        using var sweep = Started();
        var peer = Open();

        _time.Advance(Interval - Visit);
        Assert.That(peer.Socket.Written, Is.Empty, "no ping before the interval");
        _time.Advance(2 * Visit);
        Assert.That(peer.Socket.Written, Is.EqualTo(Ping));
        _time.Advance(Interval - (2 * Visit));
        Assert.That(peer.Socket.Written, Is.EqualTo(Ping), "no second ping while the first awaits its pong");
    }

    [Test]
    public void Sweep_NoPongWithinTimeout_AbortsWithoutCloseFrame()
    {
        using var sweep = Started();
        var peer = Open();
        _time.Advance(Interval); // The ping goes out.

        _time.Advance(Interval - Visit);
        Assert.That(peer.Server.State, Is.EqualTo(WebSocketState.Open), "the pong may still come");
        _time.Advance(Visit);

        Assert.That(peer.Server.State, Is.EqualTo(WebSocketState.Aborted));
        Assert.That(peer.Socket.Written, Is.EqualTo(Ping), "dropped without a close frame (the client sees 1006)");
    }

    [Test]
    public async Task Sweep_PongAfterPing_StaysOpenAndIsPingedAgain()
    {
        using var sweep = Started();
        var peer = Open();
        _time.Advance(Interval);

        await peer.SendAsync(WireFrame.Build(WireFrame.Pong, []));
        _time.Advance(2 * Interval); // Past the first ping's timeout: the pong answered it.

        Assert.That(peer.Server.State, Is.EqualTo(WebSocketState.Open));
        Assert.That(peer.Socket.Written, Is.EqualTo(Ping.Concat(Ping)), "pinged again an interval after the pong");
    }

    [Test]
    public async Task Sweep_MessageButNoPong_StillAborted()
    {
        using var sweep = Started();
        var peer = Open();
        _time.Advance(Interval);

        await peer.SendAsync([]);
        _time.Advance(Interval);

        Assert.That(peer.Server.State, Is.EqualTo(WebSocketState.Aborted), "only a pong answers a ping");
    }

    [Test]
    public async Task Sweep_MessageWithinInterval_PutsThePingOff()
    {
        using var sweep = Started();
        var peer = Open();
        _time.Advance(Interval / 2);

        await peer.SendAsync([]);
        _time.Advance((Interval / 2) + Visit);
        Assert.That(peer.Socket.Written, Is.Empty, "a client heard from is not pinged");
        _time.Advance(Interval / 2);

        Assert.That(peer.Socket.Written, Is.EqualTo(Ping));
    }

    [Test]
    public async Task Sweep_ClosingConnection_NeitherPingedNorTimedOut()
    {
        using var sweep = Started();
        var peer = Open();
        _time.Advance(Interval - Visit);
        peer.Connection.Close(CloseStatus.Normal, "");
        await Poll.UntilAsync(() => peer.Socket.Written.Length > 0, "the close frame to go out");
        var closeFrame = peer.Socket.Written;

        // The ping would be due at the next visit, before the close handshake's own timeout (5 s).
        _time.Advance(Visit);

        Assert.That(closeFrame[0], Is.EqualTo(0x88));
        Assert.That(peer.Socket.Written, Is.EqualTo(closeFrame), "nothing may follow a close frame (RFC 6455 §5.5.1)");
    }

    [Test]
    public void Sweep_ManyConnections_EveryOnePingedOnce()
    {
        using var sweep = Started();
        var peers = Enumerable.Range(0, 2000).Select(_ => Open()).ToArray();

        _time.Advance(Interval + Visit);

        Assert.That(peers.Where(p => !p.Socket.Written.SequenceEqual(Ping)).Count(), Is.Zero);
    }

    [Test]
    public void Sweep_ClosedConnection_NoLongerVisited()
    {
        using var sweep = Started();
        var peer = Open();
        _ledger.Closed(peer.Connection);

        _time.Advance(2 * Interval);

        Assert.That(peer.Socket.Written, Is.Empty);
        Assert.That(peer.Server.State, Is.EqualTo(WebSocketState.Open));
    }

    private KeepAliveSweep Started()
    {
        var sweep = new KeepAliveSweep(_ledger, Interval, _time, Log);
        sweep.Start();
        return sweep;
    }

    private Peer Open()
    {
        var socket = new ScriptedStream();
        var stream = new ConnectionStream(socket, [], _time);
        var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var services = new ConnectionServices(65536, 1 << 20, TimeSpan.FromSeconds(10), _time);
        var connection = new WebSocketConnection(1, ws, stream, IPAddress.Loopback, EndpointKind.Room, "", services, Log, _time.GetTimestamp());
        Assert.That(_ledger.TryAdmit() && _ledger.TryUpgrade(IPAddress.Loopback) is null && _ledger.Opened(connection), Is.True);
        return new Peer(socket, ws, connection);
    }

    private sealed record Peer(ScriptedStream Socket, WebSocket Server, WebSocketConnection Connection)
    {
        /// <summary>Sends <paramref name="frames"/> then a text message, and returns once the server received the message (so every frame before it was read).</summary>
        public async Task SendAsync(byte[] frames)
        {
            var receive = Server.ReceiveAsync(new byte[64], CancellationToken.None);
            await Socket.FeedAsync([.. frames, .. WireFrame.TextFrame("x")]);
            var result = await receive.WaitAsync(Poll.DefaultTimeout);
            Assert.That(result.MessageType, Is.EqualTo(WebSocketMessageType.Text));
        }
    }
}
