using System.Diagnostics;
using System.Net.Http;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Frame floods that complete no message (docs/security.md "Frame floods"): a client that streams
/// empty pongs, or endless empty continuation frames, once held the event thread its socket was
/// served on, stalling every other connection there (and /health, and SIGTERM). Against the real
/// daemon process: the flooders are closed with 1008 and everybody else is served meanwhile.
/// </summary>
[Category("Hardening")]
public sealed class AbuseFrameFloodTests
{
    private const int Pairs = 10;
    private const int FloodBytes = 64 * 1024;

    /// <summary>How long the floods go on: reconnecting flooders keep the pressure up for this long.</summary>
    private static readonly TimeSpan FloodTime = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A relay or /health takes about a millisecond here; 1 s is the bound and hundreds of
    /// times that, so a loaded 2-core machine passes while a stalled event thread (seconds) fails.
    /// </summary>
    private static readonly TimeSpan ProbeBound = TimeSpan.FromSeconds(1);

    /// <summary>Floods per flooder at most: each halted connection holds its slot until its 5 s close timer, and the per-IP limit is 200.</summary>
    private const int MaxFloodsPerFlooder = 25;

    [Test]
    public async Task PongAndContinuationFloods_TenSecondsBeside20Relayers_ProbesAnsweredWithin1sFloodersClosed1008()
    {
        await using var daemon = await DaemonProcess.StartListeningAsync();
        var pairs = await Task.WhenAll(Enumerable.Range(0, Pairs).Select(i => ProbePair.StartAsync(daemon.Ws("/"), "flood-" + i)));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();

        var relays = pairs.Select(p => p.RelayUntilAsync(clock, FloodTime, ProbeEvery)).ToArray();
        var health = ProbeHealthAsync(http, daemon, clock);
        var floods = new[] { PongFlood(), PongFlood(), ContinuationFlood(), ContinuationFlood() }
            .Select(flood => FloodRepeatedlyAsync(daemon, flood, clock)).ToArray();

        var closes = await Task.WhenAll(floods);
        var relayWorst = await Task.WhenAll(relays);
        var healthWorst = await health;

        Assert.Multiple(() =>
        {
            Assert.That(relayWorst.Max(), Is.LessThan(ProbeBound), "slowest relay among " + Pairs * 2 + " relaying clients");
            Assert.That(healthWorst, Is.LessThan(ProbeBound), "slowest GET /health");
            foreach (var got in closes)
            {
                Assert.That(got, Is.Not.Empty, "a flooder was never closed");
                Assert.That(got, Is.All.EqualTo(1008), "close statuses a flooder received");
            }
        });
        Assert.That(daemon.Output, Does.Contain("frames that complete no message"), "the flood is logged");
        foreach (var p in pairs)
        {
            await p.DisposeAsync();
        }
    }

    [Test]
    public async Task Sigterm_WhileFloodersKeepReconnecting_ExitsWithinTheGrace()
    {
        var grace = TimeSpan.FromSeconds(2);
        await using var daemon = await DaemonProcess.StartListeningAsync(new Dictionary<string, string> { ["SHUTDOWN_GRACE_MS"] = "2000" });
        using var stop = new CancellationTokenSource();
        var floods = new[] { PongFlood(), PongFlood(), ContinuationFlood(), ContinuationFlood() }
            .Select(flood => FloodUntilRefusedAsync(daemon, flood, stop.Token)).ToArray();
        await Poll.UntilAsync(() => daemon.Output.Contains("frames that complete no message", StringComparison.Ordinal), "the floods are under way");

        var clock = Stopwatch.StartNew();
        await daemon.SignalAsync("TERM");
        // Once the flooders were stalling it, SIGTERM was acted on 22-60 s late. The grace plus
        // 8 s (the runtime's exit, a loaded 2-core machine) is far below that.
        var exit = await daemon.WaitForExitAsync(grace + TimeSpan.FromSeconds(8));
        var took = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(floods);

        Assert.That(exit, Is.Zero);
        Assert.That(took, Is.LessThan(grace + TimeSpan.FromSeconds(8)));
    }

    /// <summary>Floods, reconnecting after each close, until the daemon stops accepting (or the test stops it).</summary>
    private static async Task FloodUntilRefusedAsync(DaemonProcess daemon, (byte[] Start, byte[] Repeat) flood, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await using var flooder = await RawWsConnection.UpgradeAsync(daemon.Endpoint, "/");
                var close = flooder.ReadCloseStatusAsync(TimeSpan.FromSeconds(30));
                await flooder.SendAsync(flood.Start);
                while (!close.IsCompleted && !stop.IsCancellationRequested)
                {
                    await Task.WhenAny(flooder.SendAsync(flood.Repeat), close);
                }
            }
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or OperationCanceledException or AssertionException)
        {
            // The daemon stopped accepting or went away: the flood is over.
        }
    }

    /// <summary>Masked empty pongs (RFC 6455 §5.5.3 allows unsolicited ones), back to back.</summary>
    private static (byte[] Start, byte[] Repeat) PongFlood() =>
        ([], Repeat(WireFrame.Build(WireFrame.Pong, [])));

    /// <summary>A text message begun without FIN, then empty continuation frames without FIN forever.</summary>
    private static (byte[] Start, byte[] Repeat) ContinuationFlood() =>
        (WireFrame.Build(WireFrame.Text, [], fin: false), Repeat(WireFrame.Build(WireFrame.Continuation, [], fin: false)));

    private static byte[] Repeat(byte[] frame) =>
        [.. Enumerable.Repeat(frame, FloodBytes / frame.Length).SelectMany(f => f)];

    /// <summary>Floods, reconnecting after each close, until the flood time is over; returns every close status received.</summary>
    private static async Task<List<int>> FloodRepeatedlyAsync(DaemonProcess daemon, (byte[] Start, byte[] Repeat) flood, Stopwatch clock)
    {
        var closes = new List<int>();
        while (clock.Elapsed < FloodTime && closes.Count < MaxFloodsPerFlooder)
        {
            await using var flooder = await RawWsConnection.UpgradeAsync(daemon.Endpoint, "/");
            var close = flooder.ReadCloseStatusAsync(FloodTime + TimeSpan.FromSeconds(5));
            await flooder.SendAsync(flood.Start);
            while (!close.IsCompleted && clock.Elapsed < FloodTime)
            {
                // The daemon stops reading a flooder it closed: a write that cannot go on is abandoned at the end.
                var write = flooder.SendAsync(flood.Repeat);
                await Task.WhenAny(write, close);
            }

            closes.Add(await close ?? 0);
        }

        return closes;
    }

    private static async Task<TimeSpan> ProbeHealthAsync(HttpClient http, DaemonProcess daemon, Stopwatch clock)
    {
        var worst = TimeSpan.Zero;
        using var tick = new PeriodicTimer(ProbeEvery);
        while (clock.Elapsed < FloodTime && await tick.WaitForNextTickAsync())
        {
            var sent = clock.Elapsed;
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{daemon.Port}/health"));
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            worst = TimeSpan.FromTicks(Math.Max(worst.Ticks, (clock.Elapsed - sent).Ticks));
        }

        return worst;
    }
}
