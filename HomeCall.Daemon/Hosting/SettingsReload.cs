using HomeCall.Daemon.Config;
using Serilog;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// One reload (SIGHUP, <c>systemctl reload</c>): refuses settings with errors (the running ones
/// stay), applies the changed live settings (<see cref="SettingDefinition.Live"/>), and logs every
/// change, secrets masked: applied, or "needs restart" for the others. Under systemd it brackets
/// the work with RELOADING=1 … READY=1 (sd_notify(3)).
/// </summary>
internal sealed class SettingsReload(LiveOptions settings, SystemdLifecycle? systemd, ILogger log)
{
    private readonly ILogger _log = log.ForContext<SettingsReload>();
    private readonly Lock _gate = new();

    public bool Apply(BindResult read)
    {
        // Two signals in a row reload one after the other, each against what the previous applied.
        lock (_gate)
        {
            systemd?.Reloading();
            try
            {
                return ApplyLocked(read);
            }
            finally
            {
                systemd?.Reloaded();
            }
        }
    }

    private bool ApplyLocked(BindResult read)
    {
        foreach (var notice in read.Notices)
        {
            _log.Warning("Settings: {Notice}", notice);
        }

        if (read.Errors.Count > 0)
        {
            foreach (var error in read.Errors)
            {
                _log.Error("Reload refused, the running settings stay: {SettingError}", error);
            }

            return false;
        }

        var plan = ReloadPlan.Between(settings.Current, read.Options);
        if (plan.Live.Count > 0)
        {
            settings.Replace(plan.Applied);
        }

        // Logged after the swap, so a new LOG_LEVEL already decides whether these lines appear.
        foreach (var change in plan.Live)
        {
            _log.Information("Reload: {Setting} changed from {Was} to {Now}, applied", change.Key, change.Was, change.Now);
        }

        foreach (var change in plan.NeedRestart)
        {
            _log.Warning("Reload: {Setting} changed from {Was} to {Now}, needs a restart to take effect", change.Key, change.Was, change.Now);
        }

        if (plan.Live.Any(c => c.Key == SettingKeys.AllowedOrigins) && plan.Applied.AllowedOrigins.Count == 0)
        {
            _log.Warning("ALLOWED_ORIGINS is empty: WebSocket upgrades from any Origin are accepted");
        }

        _log.Information("Settings reloaded: {Applied} applied, {NeedRestart} need a restart", plan.Live.Count, plan.NeedRestart.Count);
        return true;
    }
}
