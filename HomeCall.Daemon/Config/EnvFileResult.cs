namespace HomeCall.Daemon.Config;

/// <summary>What an env file held, and every line that could not be read.</summary>
internal sealed record EnvFileResult(IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Errors);
