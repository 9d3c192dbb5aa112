namespace HomeCall.Daemon.Config;

/// <summary>
/// The settings file of the packaged service (systemd/homecall.service), which --check-config
/// reads when no --env-file is given, together with what the unit itself sets: its
/// <c>Environment=</c> lines, which <c>EnvironmentFile=</c> overrides (systemd.exec(5)), so the
/// check prints what the service gets.
/// </summary>
internal static class ServiceEnvFile
{
    public const string Path = "/etc/homecall/homecall.env";

    /// <summary>The unit's Environment= lines (a test keeps them equal to the unit file).</summary>
    public static readonly IReadOnlyDictionary<string, string> UnitEnvironment = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SettingKeys.LogDir] = "/var/log/homecall",
        [SettingKeys.TrustedProxies] = "127.0.0.1,::1",
    };

    /// <summary>--check-config without --env-file checks the service's file when there is one.</summary>
    public static CommandLineRequest ForCheckConfig(CommandLineRequest request, Func<string, bool> exists) =>
        request.Mode == CommandMode.CheckConfig && request.EnvFile is null && exists(Path)
            ? request with { EnvFile = Path, AsService = true }
            : request;

    /// <summary>Which file was read, and where each unit-set value comes from.</summary>
    public static IEnumerable<string> UnitNotices(string path, IReadOnlyDictionary<string, string> fileValues)
    {
        yield return $"read {path}, the service's settings file, with the systemd unit's Environment= values beneath it (--env-file checks another file)";
        foreach (var (key, value) in UnitEnvironment)
        {
            yield return fileValues.ContainsKey(key)
                ? $"{path} sets {key}, overriding the unit's Environment={key}={value}"
                : $"{key}={value} comes from the systemd unit (Environment=); a {key}= line in {path} overrides it";
        }
    }
}
