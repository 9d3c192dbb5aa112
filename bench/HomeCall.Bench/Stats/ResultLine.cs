using System.Buffers;
using System.Text;
using System.Text.Json;

namespace HomeCall.Bench.Stats;

/// <summary>
/// The one JSON result line a run prints on stdout at the end (progress goes to stderr),
/// so that scripts and `suite` read results with a JSON parser.
/// </summary>
internal sealed class ResultLine : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _w;
    private (string Name, double Value)? _clientPerUnit;

    public ResultLine(string mode)
    {
        _w = new Utf8JsonWriter(_buffer);
        _w.WriteStartObject();
        _w.WriteString("mode", mode);
        _w.WriteString("date", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
    }

    public Utf8JsonWriter Writer => _w;

    public ResultLine Add(string name, string? value)
    {
        _w.WriteString(name, value);
        return this;
    }

    public ResultLine Add(string name, long value)
    {
        _w.WriteNumber(name, value);
        return this;
    }

    public ResultLine Add(string name, double value, int decimals = 3)
    {
        _w.WriteNumber(name, Math.Round(value, decimals));
        return this;
    }

    /// <summary>
    /// How the warm-up ended: its length (the fixed part plus the wait for the server's JIT threads to
    /// go idle), their CPU time in it (the start-up JIT cost, on its own), and why it stopped.
    /// </summary>
    public ResultLine Warmup(Load.WarmupResult warmup)
    {
        _w.WriteStartObject("warmup");
        _w.WriteNumber("seconds", Math.Round(warmup.Seconds, 3));
        _w.WriteNumber("jitCpuSeconds", Math.Round(warmup.JitCpu.TotalSeconds, 3));
        _w.WriteString("until", warmup.Until);
        _w.WriteEndObject();
        return this;
    }

    /// <summary>Server CPU and memory between two samples, per unit of work (`per` = e.g. delivered messages).</summary>
    /// <param name="jit">the JIT threads' CPU in the window from a <see cref="JitMeter"/>; without it, the difference of the two samples</param>
    public ResultLine Server(ProcessSample? before, ProcessSample? after, long units, string unitName, TimeSpan? jit = null)
    {
        if (before is null || after is null)
        {
            return this;
        }

        var cpu = after.Cpu - before.Cpu;
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(before.At, after.At).TotalSeconds;
        _w.WriteStartObject("server");
        _w.WriteNumber("pid", after.Pid);
        _w.WriteNumber("cpuSeconds", Math.Round(cpu.TotalSeconds, 3));
        _w.WriteNumber("cpuPercent", Math.Round(100 * cpu.TotalSeconds / Math.Max(seconds, 1e-9), 1));
        _w.WriteNumber($"cpuMicrosecondsPer{unitName}", units == 0 ? 0 : Math.Round(cpu.TotalMicroseconds / units, 3));
        // Of which JIT compiler threads: start-up cost still being paid in the window, not a per-unit cost.
        var jitCpu = jit ?? TimeSpan.FromTicks(Math.Max(0, (after.JitCpu - before.JitCpu).Ticks));
        _w.WriteNumber("jitCpuSeconds", Math.Round(jitCpu.TotalSeconds, 3));
        _w.WriteNumber($"jitMicrosecondsPer{unitName}", units == 0 ? 0 : Math.Round(jitCpu.TotalMicroseconds / units, 3));
        _w.WriteNumber($"steadyCpuMicrosecondsPer{unitName}", units == 0 ? 0 : Math.Round((cpu - jitCpu).TotalMicroseconds / units, 3));
        _w.WriteNumber("rssKiB", after.RssKiB);
        _w.WriteNumber("hwmKiB", after.HwmKiB);
        _w.WriteNumber("threads", after.Threads);
        _w.WriteEndObject();
        return this;
    }

    /// <summary>
    /// The client's own CPU per unit of work between two samples of itself (the measuring
    /// window only, without start-up and warm-up), written into the `client` object.
    /// </summary>
    public ResultLine ClientWindow(ProcessSample? before, ProcessSample? after, long units, string unitName)
    {
        if (before is not null && after is not null)
        {
            var cpu = after.Cpu - before.Cpu;
            _clientPerUnit = ($"cpuMicrosecondsPer{unitName}", units == 0 ? 0 : Math.Round(cpu.TotalMicroseconds / units, 3));
        }

        return this;
    }

    public ResultLine Latency(string name, LatencyHistogram h)
    {
        _w.WriteStartObject(name);
        _w.WriteNumber("count", h.Count);
        _w.WriteNumber("p50", Ms(h.Quantile(0.50)));
        _w.WriteNumber("p90", Ms(h.Quantile(0.90)));
        _w.WriteNumber("p99", Ms(h.Quantile(0.99)));
        _w.WriteNumber("p999", Ms(h.Quantile(0.999)));
        _w.WriteNumber("max", Ms(h.Max));
        _w.WriteEndObject();
        return this;
    }

    public string Finish()
    {
        var self = ProcessSample.Read(Environment.ProcessId);
        if (self is not null)
        {
            _w.WriteStartObject("client");
            _w.WriteNumber("cpuSeconds", Math.Round(self.Cpu.TotalSeconds, 3));
            _w.WriteNumber("rssKiB", self.RssKiB);
            if (_clientPerUnit is { } perUnit)
            {
                _w.WriteNumber(perUnit.Name, perUnit.Value);
            }

            _w.WriteEndObject();
        }

        _w.WriteEndObject();
        _w.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public void Dispose() => _w.Dispose();

    private static double Ms(long nanoseconds) => Math.Round(nanoseconds / 1e6, 3);
}
