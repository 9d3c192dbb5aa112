using HomeCall.Daemon.Logging;
using Serilog.Core;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>The <see cref="BackgroundLogSink"/>'s outputs for a test: every event to <paramref name="inner"/>, batches counted.</summary>
internal sealed class BatchCountingSink(ILogEventSink inner) : ILogBatchSink
{
    private int _batches;

    /// <summary>How many batches ended (the writer's wake-ups that wrote something).</summary>
    public int Batches => Volatile.Read(ref _batches);

    public void Emit(LogEvent logEvent) => inner.Emit(logEvent);

    public void EndBatch() => Interlocked.Increment(ref _batches);

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
