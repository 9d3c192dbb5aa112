using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Ice;

/// <summary>
/// The STUN and TURN servers clients are told about, with the TURN secret resolved (from
/// TURN_SECRET or the contents of TURN_SECRET_FILE). A class, not a record: a record's
/// ToString would print the secret into any log that formats it.
/// </summary>
internal sealed class IceServerSettings(IReadOnlyList<string> stunUrls, IReadOnlyList<string> turnUrls, string turnSecret, TimeSpan credentialLifetime)
{
    /// <summary>Fresh credentials go out when this share of their lifetime is left, so a long call never holds expired ones.</summary>
    private const int RefreshShareOfLifetime = 10;

    public IReadOnlyList<string> StunUrls { get; } = stunUrls;

    public IReadOnlyList<string> TurnUrls { get; } = turnUrls;

    public string TurnSecret { get; } = turnSecret;

    /// <summary>TURN_TTL_S: how long issued credentials are valid.</summary>
    public TimeSpan CredentialLifetime { get; } = credentialLifetime;

    /// <summary>How often a joined connection gets fresh credentials: before the previous ones expire.</summary>
    public TimeSpan RefreshInterval => CredentialLifetime - (CredentialLifetime / RefreshShareOfLifetime);

    /// <summary>Nothing is sent and GET /ice-servers is 404 when no server is configured.</summary>
    public bool IsConfigured => StunUrls.Count > 0 || TurnUrls.Count > 0;

    public bool HasTurn => TurnUrls.Count > 0;

    /// <summary>From the settings; <paramref name="secretFromFile"/> is TURN_SECRET_FILE's content when that is set.</summary>
    public static IceServerSettings From(DaemonOptions options, string? secretFromFile = null) =>
        new(options.StunUrls, options.TurnUrls, secretFromFile ?? options.TurnSecret, TimeSpan.FromSeconds(options.TurnTtlSeconds));

    public override string ToString() =>
        $"{StunUrls.Count} STUN and {TurnUrls.Count} TURN URLs, credentials valid {CredentialLifetime.TotalSeconds} s";
}
