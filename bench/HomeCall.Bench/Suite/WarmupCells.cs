using static HomeCall.Bench.Suite.Markdown;

namespace HomeCall.Bench.Suite;

/// <summary>A run's warm-up in a report table: how long it lasted and why it ended, and the server's JIT CPU in it.</summary>
internal static class WarmupCells
{
    public const string LengthHeader = "warm-up until JIT idle";
    public const string JitHeader = "JIT CPU in warm-up";

    /// <summary>"12.4 s", "30.0 s (cap)" when the JIT threads were still busy at the cap, "5.0 s (fixed)" without a server pid.</summary>
    public static string Length(Measurement r)
    {
        var seconds = r.Number("warmup", "seconds");
        return r.Text("warmup", "until") switch
        {
            "jit-idle" => N(seconds, 1) + " s",
            "cap" => N(seconds, 1) + " s (cap)",
            "fixed" => N(seconds, 1) + " s (fixed)",
            _ => "–",
        };
    }

    public static string JitCpu(Measurement r) =>
        double.IsNaN(r.Number("warmup", "jitCpuSeconds")) ? "–" : N(r.Number("warmup", "jitCpuSeconds"), 2) + " s";
}
