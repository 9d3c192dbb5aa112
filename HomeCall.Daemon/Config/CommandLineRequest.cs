using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Config;

/// <summary>A parsed command line: the mode, setting overrides from flags, and usage errors (a null dialect: chosen from the room); <see cref="Invite"/> for `homecall invite`.</summary>
internal sealed record CommandLineRequest(
    CommandMode Mode,
    IReadOnlyDictionary<string, string> Overrides,
    string? EnvFile,
    string? FingerprintRoom,
    Dialect? FingerprintDialect,
    IReadOnlyList<string> Errors)
{
    public InviteRequest? Invite { get; init; }

    /// <summary>The env file is the packaged service's own (<see cref="ServiceEnvFile"/>): the unit's Environment= values apply beneath it.</summary>
    public bool AsService { get; init; }

    /// <summary>The page `homecall man PAGE` asks for (null in every other mode).</summary>
    public string? ManPage { get; init; }
}
