using HomeCall.Daemon.Http;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog;
using Serilog.Core;

namespace HomeCall.Daemon.Tests.Logging;

public sealed class BackgroundLogSinkTests
{
    // Waits for the writer thread: generous, so they hold on a loaded 2-core machine; they end as soon as the condition holds.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Test]
    public void Dispose_AfterBurstFromSeveralThreads_EveryLineWrittenInEachThreadsOrder()
    {
        const int threads = 4;
        const int perThread = 2_000; // 8,000 in all: under the buffer, so nothing may be dropped.
        var written = new CapturingSink();
        var dropped = new DroppedLogEvents();
        using (var logger = Logger(written, dropped, BackgroundLogSink.DefaultCapacityEvents))
        {
            Parallel.For(0, threads, t =>
            {
                for (var i = 0; i < perThread; i++)
                {
                    logger.Information("Line {Thread} {Index}", t, i);
                }
            });
        }

        var lines = written.Events.Select(e => (Thread: (int)Scalar(e, "Thread"), Index: (int)Scalar(e, "Index"))).ToArray();
        Assert.That(dropped.Total, Is.Zero);
        Assert.That(lines, Has.Length.EqualTo(threads * perThread));
        for (var t = 0; t < threads; t++)
        {
            Assert.That(lines.Where(l => l.Thread == t).Select(l => l.Index), Is.EqualTo(Enumerable.Range(0, perThread)), $"thread {t}");
        }
    }

    [Test]
    public void Emit_BufferFullBehindStalledSink_DropsWithoutBlockingCountsAndSaysHowMany()
    {
        const int capacity = 4;
        using var stalled = new GatedSink();
        var dropped = new DroppedLogEvents();
        var logger = Logger(stalled, dropped, capacity);
        logger.Information("held by the writer");
        Assert.That(stalled.WaitUntilHolding(Generous), Is.True, "the writer thread took the first event");

        // On another thread, so that an Emit that blocked would fail the test instead of hanging it.
        var flood = Task.Run(() =>
        {
            for (var i = 0; i < capacity + 3; i++)
            {
                logger.Information("Queued or dropped {Index}", i);
            }
        });
        Assert.That(flood.Wait(Generous), Is.True, "a full buffer made the logging thread wait");
        Assert.That(dropped.Total, Is.EqualTo(3));
        Assert.That(Render(new DaemonMetrics(dropped)), Does.Contain("\nhomecall_log_events_dropped_total 3\n"));

        stalled.Open();
        logger.Dispose();

        Assert.That(stalled.Written.Lines, Is.EqualTo(new[]
        {
            "held by the writer", "Queued or dropped 0", "Queued or dropped 1", "Queued or dropped 2", "Queued or dropped 3",
            "3 log events dropped: the log buffer of 4 events was full",
        }));
        Assert.That(stalled.Written.Events[^1].Properties[ConnectionLogger.PropertyName].ToString(), Is.EqualTo("\"-\""));
    }

    [Test]
    public void Dispose_EventsQueuedBehindStalledSink_WritesThemBeforeReturning()
    {
        const int queued = 5_000; // Thousands of writes still to do when Dispose is called: it must wait for all of them.
        using var stalled = new GatedSink(e => e.MessageTemplate.Text == "first");
        var logger = Logger(stalled, new DroppedLogEvents(), BackgroundLogSink.DefaultCapacityEvents);
        logger.Information("first");
        Assert.That(stalled.WaitUntilHolding(Generous), Is.True, "the writer thread took the first event");
        for (var i = 0; i < queued; i++)
        {
            logger.Information("Queued {Index}", i);
        }

        logger.Fatal("last before exit");

        stalled.Open();
        logger.Dispose();

        var lines = stalled.Written.Lines.ToArray();
        Assert.That(lines, Has.Length.EqualTo(queued + 2));
        Assert.That(lines[^1], Is.EqualTo("last before exit"));
    }

    [Test]
    public void Emit_AfterDispose_WrittenOnTheCallingThread()
    {
        var written = new CapturingSink();
        var sink = new BackgroundLogSink(new BatchCountingSink(written), new DroppedLogEvents(), new FakeTimeProvider());
        sink.Dispose();

        new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger().Information("a connection ending during the exit");

        Assert.That(written.Lines, Is.EqualTo(new[] { "a connection ending during the exit" }));
    }

    [Test]
    public async Task Emit_WhileTheWriterWaitsForTheNextBatch_GathersIntoOneBatchWrittenWhenTheIntervalPasses()
    {
        const int gathered = 1_000;
        var written = new CapturingSink();
        var outputs = new BatchCountingSink(written);
        var time = new FakeTimeProvider();
        using var logger = Logger(outputs, new DroppedLogEvents(), BackgroundLogSink.DefaultCapacityEvents, time);
        logger.Information("wakes the idle writer");
        await Poll.UntilAsync(() => outputs.Batches == 1, "the first event written as a batch of its own");

        for (var i = 0; i < gathered; i++)
        {
            logger.Information("Gathered {Index}", i);
        }

        // The writer waits for the batch interval on the fake clock, however many events come (one
        // wake-up per event would cost a futex wake and a context switch per line); the clock is
        // moved on until they are written, in case the writer had not armed its timer yet.
        await Poll.UntilAsync(
            () =>
            {
                time.Advance(BackgroundLogSink.BatchInterval);
                return written.Events.Count == gathered + 1;
            },
            "the gathered events written once the interval passed");

        Assert.That(outputs.Batches, Is.EqualTo(2));
        Assert.That(written.Lines.Last(), Is.EqualTo("Gathered " + (gathered - 1)));
    }

    [Test]
    public async Task Emit_AfterTheWriterWentIdle_WakesItWithoutTheClock()
    {
        var written = new CapturingSink();
        var outputs = new BatchCountingSink(written);
        var time = new FakeTimeProvider();
        using var logger = Logger(outputs, new DroppedLogEvents(), BackgroundLogSink.DefaultCapacityEvents, time);
        logger.Information("first");
        await Poll.UntilAsync(() => outputs.Batches == 1, "the first event written");
        time.Advance(BackgroundLogSink.BatchInterval); // Nothing came during the interval: the writer goes idle.

        logger.Information("second, after a quiet spell");

        // Only an event can wake an idle writer now: the clock stands still from here on.
        await Poll.UntilAsync(() => written.Events.Count == 2, "the event that came to an idle writer written");
    }

    private static Logger Logger(ILogEventSink sink, DroppedLogEvents dropped, int capacity) =>
        Logger(new BatchCountingSink(sink), dropped, capacity, new FakeTimeProvider()); // The clock stands still: drops are said when the writer has caught up.

    private static Logger Logger(BatchCountingSink outputs, DroppedLogEvents dropped, int capacity, FakeTimeProvider time) =>
        new LoggerConfiguration().MinimumLevel.Verbose()
            .WriteTo.Sink(new BackgroundLogSink(outputs, dropped, time, capacity))
            .CreateLogger();

    private static object Scalar(Serilog.Events.LogEvent e, string name) =>
        ((Serilog.Events.ScalarValue)e.Properties[name]).Value!;

    private static string Render(DaemonMetrics metrics)
    {
        var empty = new RegistrySnapshot(0, Enum.GetValues<Dialect>().ToDictionary(d => d, _ => 0), 0, 0, 0, []);
        return System.Text.Encoding.UTF8.GetString(PrometheusText.Render(metrics, empty, 0, TimeSpan.Zero));
    }
}
