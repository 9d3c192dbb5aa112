using System.Globalization;

namespace HomeCall.Bench.Stats;

/// <summary>
/// A server process seen through /proc: CPU time (utime + stime from /proc/PID/stat, in
/// USER_HZ = 100 ticks per second on Linux) and memory (VmRSS, VmHWM from /proc/PID/status).
/// </summary>
internal sealed record ProcessSample(int Pid, TimeSpan Cpu, long RssKiB, long HwmKiB, int Threads, long At)
{
    private const double TicksPerSecond = 100;

    /// <summary>Reads the process now; null when no pid was given or it is gone.</summary>
    public static ProcessSample? Read(int? pid)
    {
        if (pid is not { } p)
        {
            return null;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{p}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields after "(comm) ": state=0 … utime=11, stime=12 (proc(5) numbers 14 and 15).
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var status = File.ReadAllLines($"/proc/{p}/status");
            return new ProcessSample(
                p,
                TimeSpan.FromSeconds(ticks / TicksPerSecond),
                Field(status, "VmRSS:"),
                Field(status, "VmHWM:"),
                (int)Field(status, "Threads:"),
                System.Diagnostics.Stopwatch.GetTimestamp());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static long Field(string[] lines, string key)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
