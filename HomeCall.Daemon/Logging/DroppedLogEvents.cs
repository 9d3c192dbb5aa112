namespace HomeCall.Daemon.Logging;

/// <summary>
/// Log events the <see cref="BackgroundLogSink"/> could not queue because its buffer was full: a
/// running total for /metrics (homecall_log_events_dropped_total) and the part not yet said in
/// the log itself. Shared by the logger, built first, and the daemon's metrics, built later.
/// </summary>
internal sealed class DroppedLogEvents
{
    private long _total;
    private long _unreported;

    public long Total => Interlocked.Read(ref _total);

    public void Add()
    {
        Interlocked.Increment(ref _total);
        Interlocked.Increment(ref _unreported);
    }

    /// <summary>Drops since the last call: the writer says them in one line.</summary>
    public long TakeUnreported() => Interlocked.Exchange(ref _unreported, 0);

    public bool AnyUnreported => Interlocked.Read(ref _unreported) > 0;
}
