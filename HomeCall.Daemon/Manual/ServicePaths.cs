namespace HomeCall.Daemon.Manual;

/// <summary>
/// Where the packaged service keeps its files (systemd/homecall.service, docs/deploy.md), as
/// --help and the manual pages name them: the same under `make install` and the .deb.
/// </summary>
internal static class ServicePaths
{
    public const string EnvFile = "/etc/homecall/homecall.env";

    /// <summary>StateDirectory=homecall sets STATE_DIRECTORY to the directory of this key.</summary>
    public const string KeyFile = "/var/lib/homecall/fingerprint.key";

    /// <summary>The unit's Environment=LOG_DIR=.</summary>
    public const string LogDir = "/var/log/homecall";

    public const string Unit = "homecall.service";
}
