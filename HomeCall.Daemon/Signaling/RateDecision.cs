namespace HomeCall.Daemon.Signaling;

/// <summary>What the rate limiter says of one incoming message.</summary>
internal enum RateDecision
{
    Allowed,
    /// <summary>Dropped and answered with rate-limited.</summary>
    Limited,
    /// <summary>Over the limit for 10 s: close with 1008.</summary>
    Disconnect,
}
