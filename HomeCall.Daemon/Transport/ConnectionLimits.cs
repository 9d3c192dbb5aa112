namespace HomeCall.Daemon.Transport;

/// <summary>The per-connection limits and clock, shared by every connection of one listener.</summary>
internal sealed record ConnectionLimits(int MaxMessageBytes, int MaxSendQueueBytes, TimeSpan SendTimeout, TimeProvider Time);
