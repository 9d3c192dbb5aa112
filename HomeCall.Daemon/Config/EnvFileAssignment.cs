namespace HomeCall.Daemon.Config;

/// <summary>
/// One KEY=value as the env-file syntax yields it, still bytes: systemd checks UTF-8 only on
/// keys and values, never on comments or ignored lines. <paramref name="Line"/> is where the key starts.
/// </summary>
internal sealed record EnvFileAssignment(byte[] Key, byte[] Value, int Line);
