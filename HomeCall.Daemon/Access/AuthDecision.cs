namespace HomeCall.Daemon.Access;

/// <summary>The webhook's answer: allowed or not, and the `iceServers` array to hand the client (raw JSON), if it sent one. <see cref="Failed"/>: no usable answer (refused, not cached).</summary>
internal sealed record AuthDecision(bool Allow, string? IceServersJson, bool Failed)
{
    public static readonly AuthDecision Refused = new(false, null, true);
}
