using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using HomeCall.Bench.Dialects;
using HomeCall.Bench.Net;
using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Load;

/// <summary>
/// `churn`: whole short calls, as many as the server completes: connect two clients → join
/// one room → one offer-sized relay each way → leave (where the dialect has it) → close.
/// Reports sessions/s, the duration of a session, and the server's CPU time per session.
/// </summary>
internal sealed class ChurnRun(WsConnector connector, ChurnSettings settings)
{
    private const int ReceiveBuffer = 2048;

    private readonly IDialect _dialect = DialectList.Parse(settings.Dialect)[0];
    private readonly string _runId = DialectList.NewRunId();
    private SessionLoop? _loop;

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var sources = SourceAddresses.For(connector.Target, settings.Parallel * 2, settings.SourceIps);
        var loop = _loop = new SessionLoop((_, index, deadline) => SessionAsync(index, sources, deadline));
        var w = await loop.RunAsync(settings.Parallel, settings.WarmupSeconds, settings.JitWaitSeconds, settings.DurationSeconds, settings.ServerPid, Status, ct).ConfigureAwait(false);
        var completed = loop.WindowCompleted;
        using var line = new ResultLine("churn");
        line.Add("label", settings.Label).Add("url", connector.Target.RoomUrl.ToString()).Add("dialect", _dialect.Name)
            .Add("parallel", settings.Parallel).Warmup(w.Warmup).Add("durationSeconds", w.Seconds).Add("sessions", completed)
            .Add("sessionsPerSecond", completed / w.Seconds, 1).Latency("sessionMs", w.UnitTime)
            .Add("failed", loop.Failed).Add("firstFailure", loop.FirstFailure)
            .Server(w.Before, w.After, completed, "Session", w.Jit).ClientWindow(w.ClientBefore, w.ClientAfter, completed, "Session");
        return line.Finish();
    }

    /// <param name="ct">the session's deadline (and the run's cancellation): bounds every step</param>
    private async Task SessionAsync(long index, SourceAddresses sources, CancellationToken ct)
    {
        var plan = DialectList.Plan(_dialect, _runId, index);
        var connecting = new[]
        {
            connector.ConnectAsync(_dialect.UrlFor(connector.Target, plan, 0), sources.For(2 * index), ReceiveBuffer, ct, deadlineInToken: true),
            connector.ConnectAsync(_dialect.UrlFor(connector.Target, plan, 1), sources.For((2 * index) + 1), ReceiveBuffer, ct, deadlineInToken: true),
        };
        try
        {
            var members = await Task.WhenAll(connecting).ConfigureAwait(false);
            var room = await _dialect.JoinAsync(members, plan, ct).ConfigureAwait(false);
            await RelayAsync(members[0], members[1], _dialect.Relay(room, 0, 1, settings.PayloadBytes), ct).ConfigureAwait(false);
            await RelayAsync(members[1], members[0], _dialect.Relay(room, 1, 0, settings.PayloadBytes), ct).ConfigureAwait(false);
            for (var m = 0; m < members.Length; m++)
            {
                if (_dialect.Leave(room, m) is { } leave)
                {
                    await members[m].SendAsync(leave, ct).ConfigureAwait(false);
                }
            }

            await Task.WhenAll(members[0].CloseAsync(ct), members[1].CloseAsync(ct)).ConfigureAwait(false);
        }
        finally
        {
            foreach (var task in connecting)
            {
                if (task.IsCompletedSuccessfully)
                {
                    task.Result.Dispose();
                }
            }
        }
    }

    /// <summary>One relay: it must arrive with the stamp it was sent with (other messages in between are skipped).</summary>
    private static async Task RelayAsync(BenchClient from, BenchClient to, RelayTemplate template, CancellationToken ct)
    {
        var sentAt = Stopwatch.GetTimestamp();
        await from.SendAsync(template.Stamp(0, sentAt), ct).ConfigureAwait(false);
        while (true)
        {
            var message = await to.ReceiveAsync(ct).ConfigureAwait(false) ?? throw new WebSocketException("closed before the relay arrived");
            if (MessageScan.TryReadStamp(message.Span, out var seq, out var timestamp))
            {
                if (seq != 0 || timestamp != sentAt)
                {
                    throw new WebSocketException("relay arrived with another stamp: " + MessageScan.Text(message.Span));
                }

                return;
            }

            if (MessageScan.IsError(message.Span))
            {
                throw new WebSocketException("server error instead of the relay: " + MessageScan.Text(message.Span));
            }
        }
    }

    private string Status(string phase, double elapsed, double total) =>
        string.Create(CultureInfo.InvariantCulture, $"churn  {phase} {elapsed:0.#}/{total:0.#} s  sessions {_loop?.Completed}  failed {_loop?.Failed}");
}
