using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HomeCall.Bench.Dialects;
using HomeCall.Bench.Net;
using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Load;

/// <summary>
/// `idle`: opens N connections joined in rooms of a given size, holds them, and reports the
/// server's resident memory per connection above its baseline (from /proc/PID/status).
/// Connecting stops at the first refusal, so the figure is also "the most this server took".
/// </summary>
internal sealed class IdleRun(WsConnector connector, IdleSettings settings)
{
    private const int ReceiveBuffer = 512;
    private const int CloseParallelism = 256;
    private const long BytesPerKiB = 1024;
    private const double WarmUpSettleSeconds = 1;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    private readonly IdleHolder _holder = new();
    private readonly ConcurrentBag<BenchClient> _clients = [];
    private readonly ConcurrentBag<Task> _loops = [];
    private string? _firstFailure;
    private int _joined;

    public async Task<string> RunAsync(CancellationToken ct)
    {
        FileLimit.Check(settings.Connections);
        var cold = ProcessSample.Read(settings.ServerPid);
        await WarmUpAsync(ct).ConfigureAwait(false);
        var baseline = ProcessSample.Read(settings.ServerPid);
        var heapBaseline = await HeapProbe.LiveBytesAsync(settings.ServerPid, ct).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await ConnectAllAsync(stop.Token).ConfigureAwait(false);
        var connectSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var connected = ProcessSample.Read(settings.ServerPid);

        await Ticker.RunAsync(settings.SettleSeconds, t => Status("settling", t, settings.SettleSeconds), ct).ConfigureAwait(false);
        var settled = ProcessSample.Read(settings.ServerPid);
        await Ticker.RunAsync(settings.HoldSeconds, t => Status("holding", t, settings.HoldSeconds), ct).ConfigureAwait(false);
        var held = ProcessSample.Read(settings.ServerPid);
        var heapHeld = await HeapProbe.LiveBytesAsync(settings.ServerPid, ct).ConfigureAwait(false);
        var established = Volatile.Read(ref _joined);
        var openAtEnd = _holder.Open;

        await CloseAllAsync(stop).ConfigureAwait(false);
        Progress.Done();
        using var line = new ResultLine("idle");
        line.Add("label", settings.Label).Add("url", connector.Target.RoomUrl.ToString()).Add("dialect", settings.Dialect)
            .Add("requested", settings.Connections).Add("roomSize", settings.RoomSize).Add("established", established)
            .Add("openAtEnd", openAtEnd).Add("dropped", _holder.Dropped).Add("firstDrop", _holder.FirstDrop)
            .Add("firstFailure", _firstFailure).Add("connectSeconds", connectSeconds).Add("connectsPerSecond", established / connectSeconds, 0);
        if (cold is not null)
        {
            line.Add("serverColdRssKiB", cold.RssKiB);
        }

        Memory(line, baseline, held, established);
        Heap(line, heapBaseline, heapHeld, established);
        line.Server(settled, held, established, "Connection");
        if (baseline is not null && connected is not null)
        {
            line.Add("serverCpuSecondsToConnect", (connected.Cpu - baseline.Cpu).TotalSeconds);
        }

        return line.Finish();
    }

    /// <summary>
    /// One room joined and closed before the baseline is read: what a server loads once, on its
    /// first connection or room (libraries, code compiled on first use), is not a per-connection
    /// cost. The cold figure is reported beside it.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken ct)
    {
        var dialect = DialectList.Parse(settings.Dialect)[0];
        var plan = DialectList.Plan(dialect, DialectList.NewRunId(), 0);
        var sources = SourceAddresses.For(connector.Target, settings.RoomSize, settings.SourceIps);
        var members = new List<BenchClient>(settings.RoomSize);
        try
        {
            for (var m = 0; m < settings.RoomSize; m++)
            {
                members.Add(await connector.ConnectAsync(dialect.UrlFor(connector.Target, plan, m), sources.For(m), ReceiveBuffer, ct).ConfigureAwait(false));
            }

            await dialect.JoinAsync(members, plan, ct).ConfigureAwait(false);
            foreach (var member in members)
            {
                await member.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            members.ForEach(m => m.Dispose());
        }

        await Ticker.RunAsync(WarmUpSettleSeconds, t => Status("warming up", t, WarmUpSettleSeconds), ct).ConfigureAwait(false);
    }

    private static void Memory(ResultLine line, ProcessSample? baseline, ProcessSample? held, int established)
    {
        if (baseline is null || held is null || established == 0)
        {
            return;
        }

        line.Add("serverBaselineRssKiB", baseline.RssKiB).Add("serverRssKiB", held.RssKiB)
            .Add("serverRssKiBPerConnection", (held.RssKiB - baseline.RssKiB) / (double)established, 2);
    }

    /// <summary>
    /// A .NET server's live managed bytes (after a full collection, read after the RSS so the
    /// induced collection does not shape it) at the baseline and while holding, and per connection.
    /// </summary>
    private static void Heap(ResultLine line, long? baseline, long? held, int established)
    {
        if (baseline is not { } b || held is not { } h || established == 0)
        {
            return;
        }

        line.Add("serverHeapBaselineKiB", b / BytesPerKiB).Add("serverHeapKiB", h / BytesPerKiB)
            .Add("serverHeapBytesPerConnection", (h - b) / (double)established, 0);
    }

    private async Task ConnectAllAsync(CancellationToken ct)
    {
        var dialect = DialectList.Parse(settings.Dialect)[0];
        var runId = DialectList.NewRunId();
        var sources = SourceAddresses.For(connector.Target, settings.Connections, settings.SourceIps);
        var groups = (settings.Connections + settings.RoomSize - 1) / settings.RoomSize;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var progress = new Timer(_ => Progress.Update(Status("connecting", 0, 0)), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel, CancellationToken = failed.Token };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, groups), options, async (g, token) =>
            {
                try
                {
                    await ConnectGroupAsync(dialect, DialectList.Plan(dialect, runId, g), g, sources, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // The first refusal (503, EMFILE, a timeout) ends the ramp: that is the ceiling.
                    _firstFailure ??= $"{ex.GetType().Name}: {ex.Message}";
                    await failed.CancelAsync().ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }

    private async Task ConnectGroupAsync(IDialect dialect, RoomPlan plan, int group, SourceAddresses sources, CancellationToken ct)
    {
        var size = Math.Min(settings.RoomSize, settings.Connections - (group * settings.RoomSize));
        var members = new List<BenchClient>(size);
        for (var m = 0; m < size; m++)
        {
            var client = await connector.ConnectAsync(dialect.UrlFor(connector.Target, plan, m), sources.For(((long)group * settings.RoomSize) + m), ReceiveBuffer, ct).ConfigureAwait(false);
            members.Add(client);
            _clients.Add(client);
        }

        await dialect.JoinAsync(members, plan, ct).ConfigureAwait(false);
        foreach (var member in members)
        {
            _loops.Add(_holder.HoldAsync(member, ct));
        }

        Interlocked.Add(ref _joined, members.Count);
    }

    private async Task CloseAllAsync(CancellationTokenSource stop)
    {
        _holder.BeginClosing();
        var options = new ParallelOptions { MaxDegreeOfParallelism = CloseParallelism };
        await Parallel.ForEachAsync(_clients, options, async (c, _) => await c.CloseOutputAsync().ConfigureAwait(false)).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private string Status(string phase, double elapsed, double total)
    {
        var server = ProcessSample.Read(settings.ServerPid);
        var rss = server is null ? "" : string.Create(CultureInfo.InvariantCulture, $"  server RSS {server.RssKiB / 1024.0:F1} MiB");
        var time = total > 0 ? string.Create(CultureInfo.InvariantCulture, $" {elapsed:0.#}/{total:0.#} s") : "";
        return string.Create(CultureInfo.InvariantCulture, $"idle  {phase}{time}  open {_holder.Open}/{settings.Connections}  dropped {_holder.Dropped}{rss}");
    }
}
