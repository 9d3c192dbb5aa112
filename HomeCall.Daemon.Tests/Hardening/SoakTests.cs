using System.Diagnostics;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// A bounded loopback soak (HOMECALL_SOAK_SECONDS / _CLIENTS / _INTERVAL_MS; short in
/// `make test`, minutes and thousands of clients in `make soak`): clients join, relay
/// sequence-numbered offers, leave and rejoin, and reconnect with and without `leave`.
/// Then: every accepted offer was delivered exactly once and in order per sender, the
/// registry and connection count are back to zero, the managed heap is back near its
/// baseline after a forced GC, and nothing was logged at Error.
/// </summary>
[Category("Soak")]
[NonParallelizable]
public sealed class SoakTests
{
    private const long HeapSlackBytes = 16L * 1024 * 1024;

    [Test]
    public async Task Soak_ClientsJoinRelayReconnectLeave_NothingLostNothingLeft()
    {
        var settings = SoakSettings.FromEnvironment();
        var options = new DaemonOptions
        {
            MaxConnectionsPerIp = settings.Clients * 2,
            MaxConnections = settings.Clients * 2,
            MaxPendingHandshakes = settings.Clients * 2,
        };

        // Warning and above only: capturing every Information event would grow the heap this run measures.
        await using var server = TestServer.Start(options, captureLevel: LogEventLevel.Warning);
        await WarmUpAsync(server);
        var baseline = ManagedHeapAfterFullGc();

        var peers = Enumerable.Range(0, settings.Clients).Select(i => new SoakPeer(i, settings.Clients, settings)).ToArray();
        using var connectGate = new SemaphoreSlim(64);
        var until = DateTime.UtcNow + settings.Duration;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(peers.Select(p => Task.Run(() => p.RunAsync(server.Ws("/ws/"), until, connectGate))))
            .WaitAsync(settings.Duration + TimeSpan.FromMinutes(2));
        clock.Stop();

        await Poll.UntilAsync(() => server.Host.Connections == 0 && server.RoomCount == 0, "no connection and no room left", TimeSpan.FromSeconds(30));
        var after = ManagedHeapAfterFullGc();
        var ledger = SoakLedger.Of(peers);
        TestContext.Out.WriteLine(
            $"soak: {settings.Clients} clients, {clock.Elapsed.TotalSeconds:F0} s, {ledger.Sent} offers sent, {ledger.Accepted} accepted, " +
            $"{ledger.Delivered} delivered, {ledger.Refused} refused (target away), {ledger.Reconnects} reconnects, {ledger.Rejoins} rejoins, " +
            $"heap {baseline / 1024 / 1024} MiB -> {after / 1024 / 1024} MiB");

        Assert.That(peers.SelectMany(p => p.Problems).Take(10), Is.Empty);
        Assert.That(ledger.Mismatches.Take(10), Is.Empty, "accepted offers delivered exactly once");
        // Counted, not timed: every peer made at least MinSteps steps (16 in `make test`), ~92 % of
        // them offers; 5 delivered per client still allows two thirds of them to find their target away.
        Assert.That(ledger.Delivered, Is.GreaterThan(settings.Clients * 5), "the soak really relayed");
        Assert.That(ledger.Reconnects, Is.Positive, "clients reconnected");
        Assert.That(ledger.Rejoins, Is.Positive, "clients left and rejoined");
        Assert.That(after, Is.LessThan(baseline + HeapSlackBytes), "memory back near its baseline");
        Assert.That(server.Logs.Events.Where(e => e.Level >= LogEventLevel.Error).Select(e => e.RenderMessage()), Is.Empty);
    }

    /// <summary>Fills pools, JIT and thread-static writers so the baseline is a working daemon, not a cold one.</summary>
    private static async Task WarmUpAsync(TestServer server)
    {
        var warm = Enumerable.Range(0, SoakSettings.RoomSize).Select(i => new SoakPeer(i, SoakSettings.RoomSize, new SoakSettings(TimeSpan.FromSeconds(1), SoakSettings.RoomSize, TimeSpan.FromMilliseconds(20)))).ToArray();
        using var gate = new SemaphoreSlim(8);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        await Task.WhenAll(warm.Select(p => p.RunAsync(server.Ws("/ws/"), until, gate)));
        await Poll.UntilAsync(() => server.Host.Connections == 0 && server.RoomCount == 0, "the warm-up to leave nothing");
    }

    private static long ManagedHeapAfterFullGc()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
