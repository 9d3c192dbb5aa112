namespace HomeCall.Daemon.Config;

/// <summary>
/// What an env file sets, as systemd would set it. Errors: what makes systemd refuse the whole
/// file (the unit would not start). Warnings: lines systemd ignores, and text it takes
/// literally though it looks like a comment or a quote; neither changes <see cref="Values"/>.
/// </summary>
internal sealed record EnvFileResult(
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings);
