using HomeCall.Bench.Stats;
using HomeCall.Bench.Tests.TestSupport;

namespace HomeCall.Bench.Tests.Stats;

public sealed class ProcessSampleTests
{
    [Test]
    public void Read_ThisDotnetProcess_JitThreadTimeWithinTheTotal()
    {
        var sample = ProcessSample.Read(Environment.ProcessId);

        Assert.Multiple(() =>
        {
            Assert.That(sample, Is.Not.Null);
            // This test host runs .NET's tiered-compilation worker, and has compiled this very test.
            Assert.That(Directory.EnumerateDirectories($"/proc/{Environment.ProcessId}/task")
                .Select(t => File.ReadAllText(Path.Combine(t, "comm")).TrimEnd('\n')), Has.Some.Matches<string>(ProcessSample.JitThreadNames.Contains));
            Assert.That(sample!.JitCpu, Is.GreaterThanOrEqualTo(TimeSpan.Zero).And.LessThanOrEqualTo(sample.Cpu));
        });
    }

    [Test]
    public void JitThreadTicks_TaskDirectory_OnlyJitThreadsByName()
    {
        using var task = new FakeTaskDirectory();
        task.Set(10, ".NET Tiered Com", 120).Set(11, ".NET TP Worker", 900).Set(12, "JITWorker", 30).Set(13, "V8 DefaultWorke", 400);

        Assert.That(ProcessSample.JitThreadTicks(task.Path), Is.EqualTo(new Dictionary<int, long> { [10] = 120, [12] = 30 }));
    }

    [Test]
    public void Read_NoPid_Null() => Assert.That(ProcessSample.Read(null), Is.Null);
}
