namespace HomeCall.Daemon.Transport;

/// <summary>
/// What every connection of one listener shares: the per-connection limits, the clock, and the
/// scheduler that decides on which thread a send queue drains.
/// </summary>
internal sealed record ConnectionServices(int MaxMessageBytes, int MaxSendQueueBytes, TimeSpan SendTimeout, TimeProvider Time)
{
    public DrainScheduler Drains { get; } = new();
}
