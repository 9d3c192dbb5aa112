using System.Diagnostics;
using System.Globalization;
using HomeCall.Bench.Dialects;
using HomeCall.Bench.Net;
using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Load;

/// <summary>
/// `relay`: P pairs, each in its own room, keep W offer-sized messages in flight between
/// them for the run; reports delivered messages/s, one-way latency percentiles, lost
/// messages (must be 0) and the server's CPU time per delivered message.
/// </summary>
internal sealed class RelayRun(WsConnector connector, RelaySettings settings)
{
    private const int ConnectParallelism = 32;
    private const int ReceiveBuffer = 4096;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    private readonly RunClock _clock = new();
    private readonly IReadOnlyList<IDialect> _dialects = DialectList.Parse(settings.Dialects);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var pairs = await SetUpAsync(ct).ConfigureAwait(false);
        var peers = pairs.SelectMany(p => new[] { p.A, p.B }).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loops = pairs.Select(p => p.B.RunAsync(stop.Token)).ToList();
        foreach (var pair in pairs)
        {
            for (var i = 0; i < settings.Window; i++)
            {
                await pair.A.SendNextAsync(ct).ConfigureAwait(false);
            }

            loops.Add(pair.A.RunAsync(stop.Token));
        }

        var warmup = await Warmup.For(settings.ServerPid)
            .RunAsync(settings.WarmupSeconds, settings.JitWaitSeconds, (phase, t, total) => Status(phase, t, total, peers), ct).ConfigureAwait(false);
        var before = ProcessSample.Read(settings.ServerPid);
        using var jit = JitMeter.Start(settings.ServerPid);
        var started = Stopwatch.GetTimestamp();
        _clock.Phase = Phase.Measuring;
        await Ticker.RunAsync(settings.DurationSeconds, t => Status("measuring", t, settings.DurationSeconds, peers), ct).ConfigureAwait(false);
        _clock.Phase = Phase.Stopping;
        var after = ProcessSample.Read(settings.ServerPid);
        var jitCpu = jit.Stop();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        await Ticker.WaitUntilAsync(() => peers.Sum(p => p.Sent) == peers.Sum(p => p.Received), DrainTimeout, ct).ConfigureAwait(false);
        await CloseAsync(peers, loops, stop).ConfigureAwait(false);
        Progress.Done();
        return Result(pairs, peers, seconds, warmup, before, after, jitCpu);
    }

    private async Task<RelayPair[]> SetUpAsync(CancellationToken ct)
    {
        var runId = DialectList.NewRunId();
        var sources = SourceAddresses.For(connector.Target, settings.Pairs * 2, settings.SourceIps);
        var pairs = new RelayPair[settings.Pairs];
        var ready = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Pairs), options, async (i, token) =>
        {
            var dialect = _dialects[i % _dialects.Count];
            var plan = DialectList.Plan(dialect, runId, i);
            var a = await connector.ConnectAsync(dialect.UrlFor(connector.Target, plan, 0), sources.For(2L * i), ReceiveBuffer, token).ConfigureAwait(false);
            var b = await connector.ConnectAsync(dialect.UrlFor(connector.Target, plan, 1), sources.For((2L * i) + 1), ReceiveBuffer, token).ConfigureAwait(false);
            var room = await dialect.JoinAsync([a, b], plan, token).ConfigureAwait(false);
            pairs[i] = new RelayPair(
                new RelayPeer(a, dialect.Relay(room, 0, 1, settings.PayloadBytes), _clock),
                new RelayPeer(b, dialect.Relay(room, 1, 0, settings.PayloadBytes), _clock),
                dialect.Name);
            Progress.Update(string.Create(CultureInfo.InvariantCulture, $"relay  setup: {Interlocked.Increment(ref ready)}/{settings.Pairs} pairs joined"));
        }).ConfigureAwait(false);
        return pairs;
    }

    private static async Task CloseAsync(RelayPeer[] peers, List<Task> loops, CancellationTokenSource stop)
    {
        await Task.WhenAll(peers.Select(p => p.Client.CloseOutputAsync())).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(loops).WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        foreach (var peer in peers)
        {
            peer.Client.Dispose();
        }
    }

    private static string Status(string phase, double elapsed, double total, RelayPeer[] peers) =>
        string.Create(CultureInfo.InvariantCulture, $"relay  {phase} {elapsed:0.#}/{total:0.#} s  received {peers.Sum(p => p.Received)}  errors {peers.Sum(p => p.Errors)}");

    private string Result(RelayPair[] pairs, RelayPeer[] peers, double seconds, WarmupResult warmup, ProcessSample? before, ProcessSample? after, TimeSpan jitCpu)
    {
        var latency = new LatencyHistogram();
        foreach (var peer in peers)
        {
            latency.Add(peer.Latency);
        }

        var delivered = peers.Sum(p => p.WindowReceived);
        using var line = new ResultLine("relay");
        line.Add("label", settings.Label).Add("url", connector.Target.RoomUrl.ToString())
            .Add("dialects", string.Join(",", pairs.Select(p => p.Dialect).Distinct()))
            .Add("pairs", settings.Pairs).Add("window", settings.Window)
            .Add("payloadBytes", pairs[0].A.PayloadBytes).Add("messageBytes", pairs[0].A.MessageBytes)
            .Warmup(warmup).Add("durationSeconds", seconds).Add("delivered", delivered).Add("messagesPerSecond", delivered / seconds, 0)
            .Latency("latencyMs", latency)
            .Add("sent", peers.Sum(p => p.Sent)).Add("received", peers.Sum(p => p.Received))
            .Add("lost", peers.Sum(p => p.Sent) - peers.Sum(p => p.Received))
            .Add("gaps", peers.Sum(p => p.Gaps)).Add("reordered", peers.Sum(p => p.Reordered))
            .Add("errors", peers.Sum(p => p.Errors)).Add("firstError", peers.Select(p => p.FirstError).FirstOrDefault(e => e is not null))
            .Server(before, after, delivered, "Message", jitCpu);
        return line.Finish();
    }
}
