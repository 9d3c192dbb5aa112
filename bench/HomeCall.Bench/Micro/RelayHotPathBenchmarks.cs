using BenchmarkDotNet.Attributes;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Bench.Micro;

/// <summary>
/// BenchmarkDotNet: the daemon's relay hot path per message type, with allocated bytes per
/// message (MemoryDiagnoser). `Relay` is parse → dispatch → write → Send; `Parse` is the
/// parse step alone, to tell the two apart. (Public and unsealed: BenchmarkDotNet requires it.)
/// </summary>
[MemoryDiagnoser]
public class RelayHotPathBenchmarks : IDisposable
{
    private HotPathFixture? _fixture;

    [ParamsAllValues]
    public RelayCase Case { get; set; }

    [GlobalSetup]
    public void Setup() => _fixture = new HotPathFixture(Case);

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    [Benchmark]
    public void Relay() => _fixture!.Relay();

    [Benchmark]
    public bool Parse() => MessageParser.TryParse(_fixture!.Message, out _, out _);

    public void Dispose()
    {
        _fixture?.Dispose();
        _fixture = null;
        GC.SuppressFinalize(this);
    }
}
