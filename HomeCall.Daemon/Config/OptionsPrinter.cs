namespace HomeCall.Daemon.Config;

/// <summary>Renders the effective settings as KEY=value lines, secrets masked (--check-config, start log).</summary>
internal static class OptionsPrinter
{
    public const string Masked = "********";

    public static IReadOnlyList<KeyValuePair<string, string>> Describe(DaemonOptions o) =>
        Settings.All.Select(s => KeyValuePair.Create(s.Key, s.Describe(o))).ToArray();

    public static string Render(DaemonOptions o) =>
        string.Join('\n', Describe(o).Select(kv => $"{kv.Key}={kv.Value}")) + "\n";
}
