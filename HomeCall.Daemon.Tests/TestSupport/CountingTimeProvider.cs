namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also counts the timers the server creates, so a
/// test can tell how many timers a mechanism needs (one for every handshake deadline).
/// </summary>
internal sealed class CountingTimeProvider : TimeProvider
{
    private int _timersCreated;

    public FakeTimeProvider Clock { get; } = new();

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timersCreated);
        return Clock.CreateTimer(callback, state, dueTime, period);
    }

    public void Advance(TimeSpan by) => Clock.Advance(by);
}
