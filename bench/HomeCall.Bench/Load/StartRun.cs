using System.Diagnostics;
using System.Globalization;
using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Load;

/// <summary>
/// `start`: time from exec to the listening socket accepting, and resident memory after
/// idling, over several cold starts of the server (the published single-file binary, or node).
/// </summary>
internal sealed class StartRun(StartSettings settings)
{
    private static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(15);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var listenMs = new List<double>();
        var rssKiB = new List<long>();
        var stopMs = new List<double>();
        for (var run = 0; run < settings.Runs; run++)
        {
            var port = FreePort.Pick();
            var started = Stopwatch.GetTimestamp();
            using var server = ServerProcess.Start(settings.Exe, settings.Script, port, new Dictionary<string, string>());
            if (!await server.WaitListeningAsync(ListenTimeout, ct).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"{settings.Exe} did not listen on {port} within {ListenTimeout.TotalSeconds} s (log: {server.LogPath})");
            }

            listenMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await Task.Delay(TimeSpan.FromSeconds(settings.SettleSeconds), ct).ConfigureAwait(false);
            rssKiB.Add(ProcessSample.Read(server.Pid)?.RssKiB ?? 0);
            stopMs.Add((await server.StopAsync().ConfigureAwait(false)).TotalMilliseconds);
            server.DeleteLog();
            Progress.Update(string.Create(CultureInfo.InvariantCulture, $"start  run {run + 1}/{settings.Runs}: listening after {listenMs[^1]:F1} ms, idle RSS {rssKiB[^1] / 1024.0:F1} MiB"));
        }

        Progress.Done();
        using var line = new ResultLine("start");
        line.Add("label", settings.Label).Add("exe", settings.Exe).Add("script", settings.Script).Add("runs", settings.Runs)
            .Add("listenMsMin", listenMs.Min(), 1).Add("listenMsMedian", Median(listenMs), 1).Add("listenMsMax", listenMs.Max(), 1)
            .Add("idleRssKiBMedian", (long)Median(rssKiB.Select(r => (double)r).ToList())).Add("idleRssKiBMax", rssKiB.Max())
            .Add("settleSeconds", settings.SettleSeconds).Add("stopMsMedian", Median(stopMs), 1);
        return line.Finish();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
