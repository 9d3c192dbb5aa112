using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Manual;

/// <summary>
/// Where the packaged service keeps what --help and the manual pages name (systemd/homecall.service,
/// docs/deploy.md), the same under `make install` and the .deb; its settings file is
/// <see cref="ServiceEnvFile.Path"/>.
/// </summary>
internal static class ServicePaths
{
    /// <summary>StateDirectory=homecall sets STATE_DIRECTORY to the directory of this key.</summary>
    public const string KeyFile = "/var/lib/homecall/fingerprint.key";

    public const string Unit = "homecall.service";

    /// <summary>The unit's Environment=LOG_DIR=.</summary>
    public static string LogDir => ServiceEnvFile.UnitEnvironment[SettingKeys.LogDir];
}
