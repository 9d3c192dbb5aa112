namespace HomeCall.Daemon.Config;

/// <summary>
/// What a reload does with newly read settings: <see cref="Applied"/> is the running options
/// with every changed live setting taken over; <see cref="NeedRestart"/> are the settings that
/// changed but keep their running value until the daemon restarts (host, port, log files, queue
/// sizes, ...). Each change carries the values as --check-config prints them (secrets masked).
/// </summary>
internal sealed record ReloadPlan(DaemonOptions Applied, IReadOnlyList<SettingChange> Live, IReadOnlyList<SettingChange> NeedRestart)
{
    public static ReloadPlan Between(DaemonOptions running, DaemonOptions read)
    {
        var applied = running;
        var live = new List<SettingChange>();
        var restart = new List<SettingChange>();
        foreach (var setting in Settings.All.Where(s => s.Format(running) != s.Format(read)))
        {
            var change = new SettingChange(setting.Key, Shown(setting.Describe(running)), Shown(setting.Describe(read)));
            if (setting.Live)
            {
                applied = setting.Adopt(applied, read);
                live.Add(change);
            }
            else
            {
                restart.Add(change);
            }
        }

        return new ReloadPlan(applied, live, restart);
    }

    private static string Shown(string value) => value.Length == 0 ? "(empty)" : value;
}
