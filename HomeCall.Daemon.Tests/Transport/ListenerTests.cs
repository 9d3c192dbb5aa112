using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class ListenerTests
{
    [Test]
    public async Task ShutdownAsync_ConnectionOpensAfterShutdownBegan_IsToldAndClosedWith1001()
    {
        // An upgrade already decided when SIGTERM arrives opens after ShutdownAsync took its
        // snapshot of open connections; it must still get shutting-down and 1001 (docs/protocol.md §3.5).
        var options = new DaemonOptions();
        var metrics = new DaemonMetrics();
        var log = new LoggerConfiguration().CreateLogger();
        var handler = new ShutdownTellingHandler();
        var ledger = new ConnectionLedger(10, 10, 10);
        var upgrades = new RequestHandler(new LiveOptions(options), handler, handler, ledger, metrics, TimeProvider.System, log, BootId.New());
        using var listener = new Listener(options, upgrades, ledger, metrics, log);
        await listener.ShutdownAsync(TimeSpan.FromSeconds(5), TimeProvider.System);

        using var front = new TcpListener(IPAddress.Loopback, 0);
        front.Start();
        var accepting = front.AcceptSocketAsync();
        var connecting = WsClient.ConnectAsync(new Uri($"ws://127.0.0.1:{((IPEndPoint)front.LocalEndpoint).Port}/ws/"));
        Assert.That(ledger.TryAdmit(), Is.True, "the front socket is admitted as the accept loop would");
        _ = upgrades.HandleAsync(await accepting, CancellationToken.None);
        await using var client = await connecting;

        Assert.That(await client.ReceiveTextAsync(), Is.EqualTo("""{"type":"error","code":"shutting-down"}"""));
        Assert.That(await client.WaitForCloseAsync(), Is.EqualTo(1001));
        await client.Socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "", CancellationToken.None);
        // Drained completed already (shutdown began with no socket), so the socket's end is waited for itself.
        await Poll.UntilAsync(() => ledger.Sockets == 0, "the connection's socket to be done with", WsClient.DefaultWait);
        Assert.That(ledger.Connections, Is.Zero);
    }

    [Test]
    public async Task ShutdownAsync_OpenConnection_ToldOnce()
    {
        var options = new DaemonOptions { Port = 0 };
        var metrics = new DaemonMetrics();
        var log = new LoggerConfiguration().CreateLogger();
        var handler = new ShutdownTellingHandler();
        var ledger = new ConnectionLedger(10, 10, 10);
        var upgrades = new RequestHandler(new LiveOptions(options), handler, handler, ledger, metrics, TimeProvider.System, log, BootId.New());
        using var listener = new Listener(options, upgrades, ledger, metrics, log);
        var endpoint = listener.Bind();
        using var stop = new CancellationTokenSource();
        var accepting = listener.AcceptLoopAsync(stop.Token);
        await using var client = await WsClient.ConnectAsync(new Uri($"ws://{endpoint}/ws/"));
        await Poll.UntilAsync(() => ledger.Connections == 1, "the connection to open", WsClient.DefaultWait);

        await stop.CancelAsync();
        await accepting.WaitAsync(WsClient.DefaultWait);
        var shutdown = listener.ShutdownAsync(TimeSpan.FromSeconds(5), TimeProvider.System);

        Assert.That(await client.ReceiveTextAsync(), Is.EqualTo("""{"type":"error","code":"shutting-down"}"""));
        Assert.That(await client.ReceiveTextAsync(), Is.Null, "then the close, with no second notice");
        Assert.That(client.Socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable));
        await client.Socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "", CancellationToken.None);
        await shutdown.WaitAsync(WsClient.DefaultWait);
    }
}
