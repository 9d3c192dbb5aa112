using System.Diagnostics;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Process faults on the built binary: SIGTERM under load (docs/protocol.md §3.5: every
/// client gets `shutting-down` and 1001, exit 0 within SHUTDOWN_GRACE_MS even when a
/// client never answers), SIGINT alike, and SIGKILL then restart on the same port
/// (clients reconnect and rejoin; no room, queue or numeric id survives, docs/protocol.md §3.5).
/// </summary>
[NonParallelizable]
public sealed class FaultSignalTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ExitSlack = TimeSpan.FromSeconds(3);

    [Test]
    public async Task Sigterm_120ClientsTalkingAndOneDeaf_All1001AndExit0WithinGrace()
    {
        await using var daemon = await DaemonProcess.StartListeningAsync(new Dictionary<string, string>
        {
            ["SHUTDOWN_GRACE_MS"] = ((int)Grace.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RATE_LIMIT_PER_SEC"] = "100000",
            ["RATE_LIMIT_BURST"] = "100000",
        });
        var watches = new List<(ShutdownWatch Watch, Task Run, WsClient Client)>();
        for (var i = 0; i < 100; i++)
        {
            var client = await WsClient.ConnectAsync(daemon.Ws("/ws/"));
            await client.SendAsync(new { type = "join", room = "load" + (i / 4), user = "u" + i });
            await client.ReceiveTypeAsync("online");
            var watch = new ShutdownWatch(client, i % 3 == 0 ? "u" + i : null);
            watches.Add((watch, watch.RunAsync(), client));
        }

        for (var i = 0; i < 20; i++)
        {
            var client = await WsClient.ConnectAsync(daemon.Ws("/signal"));
            await client.SendAsync(new { type = "join", room = $"00000000-0000-4000-8000-{i / 2:D12}", user = "s" + i });
            var watch = new ShutdownWatch(client, null);
            watches.Add((watch, watch.RunAsync(), client));
        }

        await using var deaf = await RawWsConnection.UpgradeAsync(daemon.Endpoint, "/signal");
        await Poll.UntilAsync(() => watches.Count(w => w.Watch.Echoes > 0) == 34, "every talker to be talking", TimeSpan.FromSeconds(20));

        var clock = Stopwatch.StartNew();
        await daemon.SignalAsync("TERM");
        var exit = await daemon.WaitForExitAsync(Grace + ExitSlack);
        clock.Stop();
        await Task.WhenAll(watches.Select(w => w.Run)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exit, Is.Zero, daemon.Output);
        Assert.That(clock.Elapsed, Is.LessThan(Grace + ExitSlack));
        Assert.That(watches.Count(w => w.Watch.SawShuttingDown), Is.EqualTo(watches.Count), "every client was told shutting-down");
        Assert.That(watches.Select(w => w.Watch.CloseStatus), Is.All.EqualTo(1001));
        Assert.That((await deaf.ReadJsonAsync()).GetProperty("code").GetString(), Is.EqualTo("shutting-down"));
        Assert.That(await deaf.ReadCloseStatusAsync(), Is.EqualTo(1001));
        Assert.That(daemon.Stdout, Has.Some.Contains("Shut down on SIGTERM"));
        Assert.That(daemon.Stdout, Has.None.Contains("[ERR]").And.None.Contains("[FTL]"));
        foreach (var w in watches)
        {
            await w.Client.DisposeAsync();
        }
    }

    [Test]
    public async Task Sigint_OneClient_1001AndExit0()
    {
        await using var daemon = await DaemonProcess.StartListeningAsync();
        await using var client = await WsClient.ConnectAsync(daemon.Ws("/ws/"));
        var watch = new ShutdownWatch(client, null);
        var run = watch.RunAsync();

        await daemon.SignalAsync("INT");

        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.Zero);
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That((watch.SawShuttingDown, watch.CloseStatus), Is.EqualTo((true, (int?)1001)));
    }

    [Test]
    public async Task SecondSigtermDuringDrain_EndsAtOnceWithoutWaitingForGrace()
    {
        await using var daemon = await DaemonProcess.StartListeningAsync(new Dictionary<string, string> { ["SHUTDOWN_GRACE_MS"] = "60000" });
        await using var deaf = await RawWsConnection.UpgradeAsync(daemon.Endpoint, "/ws/");

        await daemon.SignalAsync("TERM");
        await Poll.UntilAsync(() => daemon.Stdout.Any(l => l.Contains("Shutting down", StringComparison.Ordinal)), "the drain to start");
        var clock = Stopwatch.StartNew();
        await daemon.SignalAsync("TERM");
        var exit = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.That(exit, Is.EqualTo(143), "the second signal's default action (128 + SIGTERM)");
        // The second signal ends it within ~0.1 s; 20 s is 200× that for a loaded machine and still a third of the grace.
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "not the 60 s grace");
    }

    [Test]
    public async Task Sigkill_ThenRestartOnSamePort_ClientsRejoinAndNothingSurvived()
    {
        var first = await DaemonProcess.StartListeningAsync();
        var state = await KillScene.SetUpAsync(first);

        await first.SignalAsync("KILL");
        Assert.That(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(137), "killed by signal 9");
        Assert.That(await state.Alice.WaitForCloseAsync(), Is.Null, "cut without a close frame");
        await first.DisposeAsync();

        await using var second = await DaemonProcess.StartListeningAsync(port: first.Port);
        await state.AssertNothingSurvivedAsync(second);
    }
}
