namespace HomeCall.Daemon.Config;

/// <summary>The options read, and every setting that was invalid (empty when all are valid).</summary>
internal sealed record BindResult(DaemonOptions Options, IReadOnlyList<string> Errors)
{
    /// <summary>What is worth a warning but valid: env-file lines systemd ignores or takes literally, keys that look like a misspelled setting.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>What the env file set (empty without one): a reload tells them from the environment's own variables.</summary>
    public IReadOnlyDictionary<string, string> EnvFileValues { get; init; } = new Dictionary<string, string>();
}
