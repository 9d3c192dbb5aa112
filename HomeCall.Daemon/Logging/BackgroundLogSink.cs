using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// Puts every event in a bounded buffer that one background thread empties into the console and
/// file sinks (<paramref name="writer"/>): the threads serving connections only enqueue, they
/// never render a line, wait for the console sink's lock or block in write(2) on a slow journal.
/// When a flood fills the buffer, further events are dropped at once rather than waited for (an
/// event thread stuck on a stalled stdout would stall every connection it serves), counted in
/// <paramref name="dropped"/> (/metrics) and said in a warning line once the writer catches up.
/// Disposing writes everything queued, then closes the sinks; an event logged after that is written
/// on the thread that logs it.
/// </summary>
internal sealed class BackgroundLogSink : ILogEventSink, IDisposable
{
    /// <summary>Ten thousand events: a few seconds of the busiest set-up load (4 lines a connection), some megabytes when full.</summary>
    public const int DefaultCapacityEvents = 10_000;

    /// <summary>During a sustained flood the drop warning is written at most this often.</summary>
    public static readonly TimeSpan DropReportInterval = TimeSpan.FromSeconds(1);

    private const string DropTemplate = "{Dropped} log events dropped: the log buffer of {Capacity} events was full";

    private readonly BlockingCollection<LogEvent> _queue;
    private readonly Logger _writer;
    private readonly ILogger _dropLog;
    private readonly DroppedLogEvents _dropped;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly Thread _thread;
    private long _lastReport;
    private int _disposed;

    public BackgroundLogSink(Logger writer, DroppedLogEvents dropped, TimeProvider time, int capacityEvents = DefaultCapacityEvents)
    {
        _writer = writer;
        _dropLog = writer.ForContext(ConnectionLogger.PropertyName, ConnectionLogger.NoConnection);
        _dropped = dropped;
        _time = time;
        _capacity = capacityEvents;
        _queue = new BlockingCollection<LogEvent>(new ConcurrentQueue<LogEvent>(), capacityEvents);
        _lastReport = time.GetTimestamp();
        _thread = new Thread(Run) { IsBackground = true, Name = "homecall log writer" };
        _thread.Start();
    }

    public void Emit(LogEvent logEvent)
    {
        try
        {
            if (!_queue.TryAdd(logEvent))
            {
                _dropped.Add();
            }
        }
        catch (InvalidOperationException)
        {
            // Logged while the logger is being disposed (a connection ending during the exit): the
            // writer thread may be gone, so write it here rather than lose it.
            Write(logEvent);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
        _writer.Dispose();
    }

    private void Run()
    {
        foreach (var logEvent in _queue.GetConsumingEnumerable())
        {
            Write(logEvent);
            if (_dropped.AnyUnreported && (_queue.Count == 0 || _time.GetElapsedTime(_lastReport) >= DropReportInterval))
            {
                ReportDrops();
            }
        }

        ReportDrops();
    }

    private void Write(LogEvent logEvent)
    {
        try
        {
            _writer.Write(logEvent);
        }
        catch (Exception ex)
        {
            // The writer thread must outlive a failing sink; the sinks report their own failures once (LogSetup).
            SelfLog.WriteLine("homecall: writing a log event failed: {0}", ex);
        }
    }

    private void ReportDrops()
    {
        var count = _dropped.TakeUnreported();
        if (count > 0)
        {
            _lastReport = _time.GetTimestamp();
            _dropLog.Warning(DropTemplate, count, _capacity);
        }
    }
}
