using System.Collections;

namespace HomeCall.Daemon.Config;

/// <summary>
/// Where the fingerprint key lives: FINGERPRINT_KEY_FILE when set, else the state directory
/// systemd gives the unit (StateDirectory= sets STATE_DIRECTORY, systemd.exec(5)), else the
/// XDG state directory of the user running the binary (XDG Base Directory Specification).
/// The daemon and `homecall fingerprint` resolve it alike, so they find the same key.
/// </summary>
internal static class FingerprintKeyPath
{
    public const string FileName = "fingerprint.key";

    /// <summary>Why no default exists (a stripped environment): the start-up error names the fix.</summary>
    public const string NoDefault =
        SettingKeys.FingerprintKeyFile + " is empty and none of STATE_DIRECTORY, XDG_STATE_HOME, HOME is set to place the key under: set " + SettingKeys.FingerprintKeyFile;

    private const string StateDirectory = "STATE_DIRECTORY";
    private const string XdgStateHome = "XDG_STATE_HOME";
    private const string Home = "HOME";
    private const string AppDirectory = "homecall";

    /// <summary>The key file's path, or null when nothing is configured and the environment has no home for it.</summary>
    public static string? Resolve(string configured, IDictionary environment)
    {
        if (configured.Length > 0)
        {
            return configured;
        }

        // systemd joins several StateDirectory= entries with ':'; the unit names one.
        if (Variable(environment, StateDirectory) is { } state)
        {
            return Path.Combine(state.Split(':')[0], FileName);
        }

        // The XDG specification says to ignore a relative XDG_STATE_HOME.
        if (Variable(environment, XdgStateHome) is { } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, AppDirectory, FileName);
        }

        return Variable(environment, Home) is { } home
            ? Path.Combine(home, ".local", "state", AppDirectory, FileName)
            : null;
    }

    private static string? Variable(IDictionary environment, string name) =>
        environment[name] is string { Length: > 0 } value ? value : null;
}
