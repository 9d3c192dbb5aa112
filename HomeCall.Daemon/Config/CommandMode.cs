namespace HomeCall.Daemon.Config;

/// <summary>What the command line asks the binary to do.</summary>
internal enum CommandMode
{
    Run,
    CheckConfig,
    Version,
    Help,
    Fingerprint,
    Invite,
    Man,
}
