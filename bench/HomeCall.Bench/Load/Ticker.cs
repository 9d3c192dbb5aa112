using System.Diagnostics;
using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Load;

/// <summary>Waits out a phase of a timed run, updating the progress line once a second.</summary>
internal static class Ticker
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <param name="status">called about once a second, and at the end, with the seconds elapsed in the phase</param>
    public static async Task RunAsync(double seconds, Func<double, string> status, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var total = TimeSpan.FromSeconds(seconds);
        while (Stopwatch.GetElapsedTime(started) < total)
        {
            var left = total - Stopwatch.GetElapsedTime(started);
            // Whole milliseconds, at least one: Task.Delay would round a sub-millisecond wait down to none.
            var wait = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(Math.Min(left.TotalMilliseconds, Period.TotalMilliseconds))));
            await Task.Delay(wait, ct).ConfigureAwait(false);
            Progress.Update(status(Math.Min(seconds, Stopwatch.GetElapsedTime(started).TotalSeconds)));
        }
    }

    /// <summary>Polls <paramref name="done"/> every 10 ms until it holds or the timeout passes; true when it held.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan timeout, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (!done())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            await Task.Delay(10, ct).ConfigureAwait(false);
        }

        return true;
    }
}
