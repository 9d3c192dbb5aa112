using System.Globalization;
using HomeCall.Bench.Dialects;
using HomeCall.Bench.Net;
using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Load;

/// <summary>
/// `setup`: what one connection costs the server from accept to close, on its own. Each worker
/// first creates a numeric room (docs/protocol.md §7) with an anchor connection that stays; then,
/// one after another, a connection is opened (TCP connect, upgrade), joins the anchor's room,
/// and closes (close handshake). Joining an existing room keeps room creation and expiry out of
/// the figure, and the room never expires (join is activity). Reports set-ups per second, the time
/// one takes, and the server's CPU time per connection set up.
/// </summary>
internal sealed class SetupRun(WsConnector connector, SetupSettings settings)
{
    private const int ReceiveBuffer = 512;
    private static readonly TimeSpan FinishTimeout = TimeSpan.FromSeconds(30);

    private readonly NumericDialect _dialect = new();
    private SessionLoop? _loop;

    public async Task<string> RunAsync(CancellationToken ct)
    {
        // Anchors and their joiners come from different source addresses when --source-ips asks for more than one.
        var sources = SourceAddresses.For(connector.Target, settings.Parallel * 2, settings.SourceIps);
        var anchors = await OpenAnchorsAsync(sources, ct).ConfigureAwait(false);
        var holder = new IdleHolder();
        var holding = anchors.Select(a => holder.HoldAsync(a.Client, ct)).ToArray();
        try
        {
            return await MeasureAsync(anchors, sources, ct).ConfigureAwait(false);
        }
        finally
        {
            holder.BeginClosing();
            await Task.WhenAll(anchors.Select(a => a.Client.CloseOutputAsync())).ConfigureAwait(false);
            await Task.WhenAll(holding).WaitAsync(FinishTimeout, CancellationToken.None).ConfigureAwait(false);
            anchors.ForEach(a => a.Client.Dispose());
        }
    }

    private async Task<string> MeasureAsync(List<(BenchClient Client, byte[] Join)> anchors, SourceAddresses sources, CancellationToken ct)
    {
        var loop = _loop = new SessionLoop((worker, index, deadline) => SetUpAsync(anchors[worker].Join, sources.For((2 * index) + 1), deadline));
        var w = await loop.RunAsync(settings.Parallel, settings.WarmupSeconds, settings.JitWaitSeconds, settings.DurationSeconds, settings.ServerPid, Status, ct).ConfigureAwait(false);
        var completed = loop.WindowCompleted;
        using var line = new ResultLine("setup");
        line.Add("label", settings.Label).Add("url", connector.Target.RoomUrl.ToString()).Add("dialect", _dialect.Name)
            .Add("parallel", settings.Parallel).Warmup(w.Warmup).Add("durationSeconds", w.Seconds).Add("connections", completed)
            .Add("connectionsPerSecond", completed / w.Seconds, 1).Latency("setupMs", w.UnitTime)
            .Add("failed", loop.Failed).Add("firstFailure", loop.FirstFailure)
            .Server(w.Before, w.After, completed, "Connection", w.Jit).ClientWindow(w.ClientBefore, w.ClientAfter, completed, "Connection");
        return line.Finish();
    }

    /// <summary>One anchor per worker: a connection that created the room the worker's set-ups join.</summary>
    private async Task<List<(BenchClient Client, byte[] Join)>> OpenAnchorsAsync(SourceAddresses sources, CancellationToken ct)
    {
        var anchors = new List<(BenchClient, byte[])>(settings.Parallel);
        for (var w = 0; w < settings.Parallel; w++)
        {
            var client = await connector.ConnectAsync(connector.Target.RoomUrl, sources.For(2 * w), ReceiveBuffer, ct).ConfigureAwait(false);
            var room = await _dialect.JoinAsync([client], new RoomPlan($"setup-{w}"), ct).ConfigureAwait(false);
            anchors.Add((client, Json.Object(("type", "join"), ("roomId", room.RoomId))));
        }

        return anchors;
    }

    /// <summary>Connect, upgrade, join, close handshake: one connection's whole life in the server.</summary>
    private async Task SetUpAsync(byte[] join, System.Net.IPAddress? source, CancellationToken ct)
    {
        using var client = await connector.ConnectAsync(connector.Target.RoomUrl, source, ReceiveBuffer, ct, deadlineInToken: true).ConfigureAwait(false);
        await client.SendAsync(join, ct).ConfigureAwait(false);
        await client.ExpectAsync("room_joined", ct).ConfigureAwait(false);
        await client.CloseAsync(ct).ConfigureAwait(false);
    }

    private string Status(string phase, double elapsed, double total) =>
        string.Create(CultureInfo.InvariantCulture, $"setup  {phase} {elapsed:0.#}/{total:0.#} s  connections {_loop?.Completed}  failed {_loop?.Failed}");
}
