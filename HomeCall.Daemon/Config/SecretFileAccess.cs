namespace HomeCall.Daemon.Config;

/// <summary>
/// The one rule both secret files (ROOM_SECRET_FILE, TURN_SECRET_FILE) share: group access is
/// allowed (root:homecall 0640 is the usual shape of a service's secret, and systemd's
/// LoadCredential= copies are 0400), access for others is not (docs/security.md).
/// </summary>
internal static class SecretFileAccess
{
    private const UnixFileMode OthersAccess = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>True when the existing file at <paramref name="path"/> can be read, written or run by others.</summary>
    public static bool OpenToOthers(string path) =>
        !OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & OthersAccess) != 0;

    /// <summary>The one-line refusal naming the setting and the file, never its content.</summary>
    public static string OpenToOthersProblem(string key, string path) => $"{key} {path} is open to others: chmod o= {path}";
}
