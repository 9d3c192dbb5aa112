namespace HomeCall.Daemon.Config;

/// <summary>One setting a reload found changed, with both values as people may see them (secrets masked).</summary>
internal sealed record SettingChange(string Key, string Was, string Now);
