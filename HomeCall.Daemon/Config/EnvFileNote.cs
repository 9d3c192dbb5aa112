namespace HomeCall.Daemon.Config;

/// <summary>Something in an env file that systemd accepts but that is probably not what was meant.</summary>
internal sealed record EnvFileNote(int Line, string Text)
{
    public override string ToString() => $"line {Line}: {Text}";
}
