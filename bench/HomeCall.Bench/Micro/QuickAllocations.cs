using System.Diagnostics;
using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Micro;

/// <summary>
/// `micro --quick`: a few seconds instead of BenchmarkDotNet's minutes. For each case it
/// relays many messages on this thread and reads the thread's allocation counter: a relay
/// allocates nothing, its outgoing message being built in a pooled buffer.
/// </summary>
internal static class QuickAllocations
{
    private const int Warmup = 50_000;
    private const int Measured = 200_000;

    public static string Run()
    {
        // Every case is warmed up before any is timed, so the first one is not measured while
        // the JIT still recompiles shared code (parser, writer) at its optimizing tier.
        var fixtures = Enum.GetValues<RelayCase>().Select(c => (Case: c, Fixture: new HotPathFixture(c))).ToArray();
        foreach (var (_, fixture) in fixtures)
        {
            for (var i = 0; i < Warmup; i++)
            {
                fixture.Relay();
            }
        }

        using var line = new ResultLine("micro");
        var w = line.Writer;
        w.WriteStartArray("cases");
        foreach (var (relayCase, fixture) in fixtures)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < Measured; i++)
            {
                fixture.Relay();
            }

            var ns = Stopwatch.GetElapsedTime(started).TotalNanoseconds / Measured;
            var perMessage = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Measured;
            w.WriteStartObject();
            w.WriteString("case", relayCase.ToString());
            w.WriteNumber("inBytes", fixture.Message.Length);
            w.WriteNumber("outBytes", fixture.Receiver.LastLength);
            w.WriteNumber("nsPerMessage", Math.Round(ns, 1));
            w.WriteNumber("allocatedBytesPerMessage", Math.Round(perMessage, 1));
            w.WriteEndObject();
            Progress.Update($"micro  {relayCase}: {ns:F0} ns, {perMessage:F1} B allocated per message");
            fixture.Dispose();
        }

        w.WriteEndArray();
        Progress.Done();
        return line.Finish();
    }
}
