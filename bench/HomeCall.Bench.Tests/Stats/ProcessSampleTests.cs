using HomeCall.Bench.Stats;

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
    public void Read_NoPid_Null() => Assert.That(ProcessSample.Read(null), Is.Null);
}
