using System.Globalization;

namespace HomeCall.Bench.Stats;

/// <summary>
/// A server process seen through /proc: CPU time (utime + stime from /proc/PID/stat, in
/// USER_HZ = 100 ticks per second on Linux), the part of it spent by JIT compiler threads
/// (<see cref="JitThreadNames"/>, from /proc/PID/task/TID/stat), and memory (VmRSS, VmHWM from /proc/PID/status).
/// </summary>
internal sealed record ProcessSample(int Pid, TimeSpan Cpu, long RssKiB, long HwmKiB, int Threads, long At, TimeSpan JitCpu)
{
    private const double TicksPerSecond = 100;

    /// <summary>
    /// Threads that only compile code: .NET's tiered-compilation worker (it promotes hot methods
    /// for the first tens of seconds under load, a cost paid once per process start) and JavaScriptCore's JIT workers.
    /// </summary>
    public static readonly IReadOnlySet<string> JitThreadNames = new HashSet<string>(StringComparer.Ordinal) { ".NET Tiered Com", "JITWorker" };

    /// <summary>Reads the process now; null when no pid was given or it is gone.</summary>
    public static ProcessSample? Read(int? pid)
    {
        if (pid is not { } p)
        {
            return null;
        }

        try
        {
            var ticks = Ticks(File.ReadAllText($"/proc/{p}/stat"));
            var status = File.ReadAllLines($"/proc/{p}/status");
            return new ProcessSample(
                p,
                TimeSpan.FromSeconds(ticks / TicksPerSecond),
                Field(status, "VmRSS:"),
                Field(status, "VmHWM:"),
                (int)Field(status, "Threads:"),
                System.Diagnostics.Stopwatch.GetTimestamp(),
                TimeSpan.FromSeconds(JitThreadTicks(p).Values.Sum() / TicksPerSecond));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>utime + stime of a stat line: fields after "(comm) " are state=0 … utime=11, stime=12 (proc(5) numbers 14 and 15).</summary>
    private static long Ticks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public static TimeSpan FromTicks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    /// <summary>CPU ticks of each of the process's JIT threads by thread id (a thread that ends between listing and reading is skipped).</summary>
    public static Dictionary<int, long> JitThreadTicks(int pid) => JitThreadTicks($"/proc/{pid}/task");

    /// <summary>The same from a task directory laid out as /proc/PID/task (TID/comm, TID/stat); threads of other names are skipped.</summary>
    public static Dictionary<int, long> JitThreadTicks(string taskDirectory)
    {
        var ticks = new Dictionary<int, long>();
        foreach (var task in Directory.EnumerateDirectories(taskDirectory))
        {
            try
            {
                if (JitThreadNames.Contains(File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n')))
                {
                    ticks[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = Ticks(File.ReadAllText(Path.Combine(task, "stat")));
                }
            }
            catch (IOException)
            {
                // The thread ended between listing and reading: its time is no longer the window's.
            }
        }

        return ticks;
    }

    private static long Field(string[] lines, string key)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
