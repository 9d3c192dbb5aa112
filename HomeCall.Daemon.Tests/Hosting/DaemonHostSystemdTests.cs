using System.Net.Sockets;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog;

namespace HomeCall.Daemon.Tests.Hosting;

/// <summary>The real host on loopback port 0 reporting to a notify socket the test opened.</summary>
public sealed class DaemonHostSystemdTests
{
    private static readonly DaemonOptions Options = new() { Host = "127.0.0.1", Port = 0 };

    [Test]
    public async Task Start_NotifySocketSet_ReadyOnlyOnceListening()
    {
        using var manager = NotifySocket.InTempDirectory();
        using var notifier = new SystemdNotifier(manager.Endpoint, null);
        using var host = new DaemonHost(Options, TestFingerprints.Fingerprinter, TimeProvider.System, new LoggerConfiguration().CreateLogger(), TestSecrets.Read(Options), notifier);
        Assert.That(manager.HasPending, Is.False, "READY before the listener was bound");

        var endpoint = host.Start();
        var ready = await manager.ReceiveAsync();

        Assert.That(ready, Does.StartWith("READY=1\nSTATUS=Listening on " + endpoint + ": 0 connections, 0 rooms"));
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await probe.ConnectAsync(endpoint);
        Assert.That(probe.Connected, Is.True);
    }

    [Test]
    public async Task StatusTimer_ClientJoined_StatusCountsConnectionAndRoom()
    {
        var time = new FakeTimeProvider();
        using var manager = NotifySocket.Abstract();
        using var notifier = new SystemdNotifier(manager.Endpoint, null);
        using var host = new DaemonHost(Options, TestFingerprints.Fingerprinter, time, new LoggerConfiguration().CreateLogger(), TestSecrets.Read(Options), notifier);
        var endpoint = host.Start();
        using var stop = new CancellationTokenSource();
        var run = host.RunAsync(stop.Token);
        // The client is dropped without a close handshake: with a fake clock the transport
        // stops sending after the first frame (CancellationTokenSource.TryReset is false for
        // a non-system TimeProvider), so no close frame would come back.
        await using (var client = await WsClient.ConnectAsync(new Uri($"ws://127.0.0.1:{endpoint.Port}/ws/")))
        {
            await client.SendAsync(new { type = "join", room = "status-room", user = "ann" });
            await client.ReceiveTypeAsync("online");

            time.Advance(SystemdLifecycle.StatusInterval);

            Assert.That(await manager.ReceiveContainingAsync("STATUS=Listening on " + endpoint + ": 1 connections, 1 rooms"), Is.Not.Empty);
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task RunAsync_StopRequested_StoppingBeforeConnectionsClose()
    {
        using var manager = NotifySocket.Abstract();
        using var notifier = new SystemdNotifier(manager.Endpoint, null);
        using var host = new DaemonHost(Options, TestFingerprints.Fingerprinter, TimeProvider.System, new LoggerConfiguration().CreateLogger(), TestSecrets.Read(Options), notifier);
        var endpoint = host.Start();
        using var stop = new CancellationTokenSource();
        var run = host.RunAsync(stop.Token);
        await using var client = await WsClient.ConnectAsync(new Uri($"ws://127.0.0.1:{endpoint.Port}/ws/"));
        await manager.ReceiveContainingAsync("READY=1");

        // The 101 reaches the client just before the daemon counts the connection open: an
        // answer to a message proves it is counted.
        await client.SendTextAsync("{}");
        await client.ReceiveTypeAsync("error");
        await stop.CancelAsync();

        var stopping = await manager.ReceiveContainingAsync("STOPPING=1");
        Assert.That(stopping, Does.Contain("STATUS=Shutting down, closing 1 connections"));
        Assert.That(await client.WaitForCloseAsync(), Is.EqualTo(1001));
        await client.Socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
