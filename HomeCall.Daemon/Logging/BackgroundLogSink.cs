using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// Puts every event in a bounded queue that one background thread writes to the outputs
/// (<see cref="ILogBatchSink"/>): the threads serving connections only enqueue, they never render a
/// line, take a lock another thread holds, or block in write(2) on a slow journal. The writer
/// takes what has gathered, writes it as one batch, then lets events gather for
/// <see cref="BatchInterval"/> before the next batch, so a busy daemon wakes it about a hundred
/// times a second instead of once per line; with nothing queued it sleeps until an event comes.
/// When a flood fills the queue, further events are dropped at once rather than waited for (an
/// event thread stuck on a stalled stdout would stall every connection it serves), counted in
/// <paramref name="dropped"/> (/metrics) and said in a warning line once the writer catches up.
/// Disposing writes everything queued, then closes the outputs; an event logged after that is
/// written on the thread that logs it.
/// </summary>
internal sealed class BackgroundLogSink : ILogEventSink, IDisposable
{
    /// <summary>Ten thousand events: a few seconds of the busiest set-up load (4 lines a connection), some megabytes when full.</summary>
    public const int DefaultCapacityEvents = 10_000;

    /// <summary>How long events gather between two batches of a busy writer: how late a line may reach the journal.</summary>
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>During a sustained flood the drop warning is written at most this often.</summary>
    public static readonly TimeSpan DropReportInterval = TimeSpan.FromSeconds(1);

    private const string DropTemplate = "{Dropped} log events dropped: the log buffer of {Capacity} events was full";

    private readonly ConcurrentQueue<LogEvent> _queue = new();
    private readonly ILogBatchSink _outputs;
    private readonly ILogger _dropLog;
    private readonly DroppedLogEvents _dropped;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    // Never disposed: an Emit racing the disposal may still set it, and it lives as long as the process.
    private readonly AutoResetEvent _wake = new(initialState: false);
    private readonly ITimer _batchTimer;
    private readonly Lock _writing = new();
    private readonly Thread _thread;
    private long _lastReport;
    private int _queued;
    private int _parked;
    private volatile bool _completing;
    private int _disposed;

    public BackgroundLogSink(ILogBatchSink outputs, DroppedLogEvents dropped, TimeProvider time, int capacityEvents = DefaultCapacityEvents)
    {
        _outputs = outputs;
        // Written by the writer thread, into the outputs directly: never queued behind the events it reports.
        _dropLog = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(outputs).CreateLogger()
            .ForContext(ConnectionLogger.PropertyName, ConnectionLogger.NoConnection);
        _dropped = dropped;
        _time = time;
        _capacity = capacityEvents;
        _lastReport = time.GetTimestamp();
        _batchTimer = time.CreateTimer(static state => ((AutoResetEvent)state!).Set(), _wake, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _thread = new Thread(Run) { IsBackground = true, Name = "homecall log writer" };
        _thread.Start();
    }

    public void Emit(LogEvent logEvent)
    {
        if (_completing)
        {
            WriteLate(logEvent);
            return;
        }

        if (Interlocked.Increment(ref _queued) > _capacity)
        {
            Interlocked.Decrement(ref _queued);
            _dropped.Add();
            return;
        }

        _queue.Enqueue(logEvent);
        if (Volatile.Read(ref _parked) == 1 && Interlocked.Exchange(ref _parked, 0) == 1)
        {
            _wake.Set();
        }

        if (_completing)
        {
            // Disposal began while this event was being queued: the writer may have finished.
            WriteLate(null);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _completing = true;
        _wake.Set();
        _thread.Join();
        _batchTimer.Dispose();
        lock (_writing)
        {
            WriteQueued();
            _outputs.Dispose();
        }
    }

    private void Run()
    {
        while (!_completing)
        {
            bool wrote;
            lock (_writing)
            {
                wrote = WriteQueued();
            }

            if (wrote)
            {
                // Busy: let the next batch gather. Emit does not wake the writer meanwhile.
                _batchTimer.Change(BatchInterval, Timeout.InfiniteTimeSpan);
            }
            else
            {
                // Idle: sleep until an event comes. Parked first, then the queue checked again, so
                // an event queued in between either is seen here or wakes the writer.
                Interlocked.Exchange(ref _parked, 1);
                if (!_queue.IsEmpty)
                {
                    if (Interlocked.Exchange(ref _parked, 0) == 0)
                    {
                        // An Emit unparked the writer first and sets the wake: take that signal now,
                        // or it would end the next batch's wait at once and split the batch.
                        _wake.WaitOne();
                    }

                    continue;
                }
            }

            _wake.WaitOne();
        }
    }

    /// <summary>Writes every queued event as one batch; false when there was none. Called under <see cref="_writing"/>.</summary>
    private bool WriteQueued()
    {
        var any = false;
        while (_queue.TryDequeue(out var logEvent))
        {
            Interlocked.Decrement(ref _queued);
            any = true;
            Write(logEvent);
            if (_dropped.AnyUnreported && _time.GetElapsedTime(_lastReport) >= DropReportInterval)
            {
                ReportDrops();
            }
        }

        if (ReportDrops() || any)
        {
            _outputs.EndBatch();
        }

        return any;
    }

    /// <summary>After disposal began: writes <paramref name="logEvent"/> and whatever is still queued on the calling thread.</summary>
    private void WriteLate(LogEvent? logEvent)
    {
        lock (_writing)
        {
            WriteQueued();
            if (logEvent is not null)
            {
                Write(logEvent);
                _outputs.EndBatch();
            }
        }
    }

    private void Write(LogEvent logEvent)
    {
        try
        {
            _outputs.Emit(logEvent);
        }
        catch (Exception ex)
        {
            // The writer thread must outlive a failing output; the outputs report their own failures once (LogSetup).
            SelfLog.WriteLine("homecall: writing a log event failed: {0}", ex);
        }
    }

    /// <summary>Says the drops not said yet in one line; true when it wrote one.</summary>
    private bool ReportDrops()
    {
        var count = _dropped.TakeUnreported();
        if (count == 0)
        {
            return false;
        }

        _lastReport = _time.GetTimestamp();
        _dropLog.Warning(DropTemplate, count, _capacity);
        return true;
    }
}
