using Serilog.Core;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// A sink that stands for a stalled console: the events <paramref name="blocks"/> picks out wait in
/// Emit until <see cref="Open"/>; every event is kept, in the order Emit was called.
/// </summary>
internal sealed class GatedSink(Func<LogEvent, bool> blocks) : ILogEventSink, IDisposable
{
    private readonly ManualResetEventSlim _gate = new();
    private readonly ManualResetEventSlim _entered = new();
    private readonly CapturingSink _written = new();

    public GatedSink()
        : this(_ => true)
    {
    }

    public CapturingSink Written => _written;

    public void Emit(LogEvent logEvent)
    {
        if (blocks(logEvent))
        {
            _entered.Set();
            _gate.Wait();
        }

        _written.Emit(logEvent);
    }

    /// <summary>True once an event is held in Emit, within <paramref name="limit"/>.</summary>
    public bool WaitUntilHolding(TimeSpan limit) => _entered.Wait(limit);

    public void Open() => _gate.Set();

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
        _entered.Dispose();
    }
}
