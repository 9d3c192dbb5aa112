using System.Text.Json;
using HomeCall.Bench.Micro;

namespace HomeCall.Bench.Tests.Micro;

/// <summary>
/// The relay hot path of every dialect allocates nothing: the outgoing message is pooled (docs/benchmarks.md).
/// Counted with the thread's allocation counter, so machine load cannot change the result.
/// </summary>
public sealed class QuickAllocationsTests
{
    /// <summary>Averages over 200,000 relays: a one-off runtime allocation on this thread stays below a byte per message.</summary>
    private const double ToleranceBytes = 1;

    [Test]
    public void Run_EveryRelayCase_NothingAllocatedPerRelay()
    {
        using var result = JsonDocument.Parse(QuickAllocations.Run());

        var allocated = result.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("case").GetString()!, c => c.GetProperty("allocatedBytesPerMessage").GetDouble());

        Assert.That(allocated.Keys, Is.EquivalentTo(Enum.GetNames<RelayCase>()));
        Assert.That(allocated.Where(e => e.Value >= ToleranceBytes), Is.Empty, "bytes allocated per relay");
    }
}
