namespace HomeCall.Daemon.Hosting;

/// <summary>Process exit codes (sysexits.h where one fits).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Could not run: the port is taken, or an unexpected fatal error.</summary>
    public const int Failure = 1;

    /// <summary>EX_USAGE: the command line is wrong.</summary>
    public const int Usage = 64;

    /// <summary>EX_CONFIG: a setting is invalid, or the fingerprint key file cannot be used; nothing was bound.</summary>
    public const int Config = 78;
}
