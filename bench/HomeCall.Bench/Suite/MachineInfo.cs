using System.Globalization;
using System.Runtime.InteropServices;

namespace HomeCall.Bench.Suite;

/// <summary>What the report says about the machine: CPU, cores, memory, kernel, runtimes (.NET, Node, Bun), load.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, long MemoryMiB, string Kernel, string Dotnet, string Node, string Bun)
{
    public static MachineInfo Read(string node, string bun)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKiB = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] ?? "0";
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription;
        return new MachineInfo(
            cpu,
            Environment.ProcessorCount,
            long.Parse(memKiB, CultureInfo.InvariantCulture) / 1024,
            kernel,
            RuntimeInformation.FrameworkDescription,
            Tool.Output(node, "--version") ?? "not found",
            Tool.Output(bun, "--version") ?? "not found");
    }

    /// <summary>/proc/loadavg's 1-minute figure: other work on the machine skews every rate measured here.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
