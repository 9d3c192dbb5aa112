using Serilog.Core;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// Where the <see cref="BackgroundLogSink"/>'s writer thread puts events: <see cref="ILogEventSink.Emit"/>
/// for each event of a batch, then <see cref="EndBatch"/> when the queue is empty, so an output
/// can write a whole batch with one system call. Disposing writes what is pending and closes.
/// </summary>
internal interface ILogBatchSink : ILogEventSink, IDisposable
{
    void EndBatch();
}
