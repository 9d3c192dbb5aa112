namespace HomeCall.Daemon.Config;

/// <summary>The options read, and every setting that was invalid (empty when all are valid).</summary>
internal sealed record BindResult(DaemonOptions Options, IReadOnlyList<string> Errors);
