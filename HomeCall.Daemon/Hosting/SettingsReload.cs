using HomeCall.Daemon.Config;
using Serilog;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// One reload (SIGHUP, <c>systemctl reload</c>): refuses settings with errors or a secret file
/// that cannot be used (the running ones stay), applies the changed live settings
/// (<see cref="SettingDefinition.Live"/>) and the secrets read again, and logs every change,
/// secrets masked: applied, or "needs restart" for the others. Under systemd it brackets the
/// work with RELOADING=1 … READY=1 (sd_notify(3)).
/// </summary>
/// <param name="secrets">The secrets in force at start (their files read).</param>
/// <param name="applySecrets">Swaps in the secrets of an accepted reload, with the options they go with.</param>
internal sealed class SettingsReload(LiveOptions settings, ResolvedSecrets secrets, Action<DaemonOptions, ResolvedSecrets> applySecrets, SystemdLifecycle? systemd, ILogger log)
{
    private readonly ILogger _log = log.ForContext<SettingsReload>();
    private readonly Lock _gate = new();
    private ResolvedSecrets _secrets = secrets;

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

        // The files are read with the same checks as at start; their problems name the file, never its content.
        var problem = "";
        var secrets = read.Errors.Count == 0 ? ResolvedSecrets.Read(read.Options, File.ReadAllBytes, out problem) : null;
        IReadOnlyList<string> errors = read.Errors.Count > 0 ? read.Errors : secrets is null ? [problem] : [];
        foreach (var error in errors)
        {
            _log.Error("Reload refused, the running settings stay: {SettingError}", error);
        }

        if (secrets is null)
        {
            return false;
        }

        var plan = ReloadPlan.Between(settings.Current, read.Options);
        var rewritten = _secrets.FilesRewritten(settings.Current, read.Options, secrets).ToList();
        if (plan.Live.Count > 0)
        {
            settings.Replace(plan.Applied);
        }

        _secrets = secrets;
        applySecrets(plan.Applied, secrets);
        Report(plan, rewritten);
        return true;
    }

    /// <summary>Logged after the swap, so a new LOG_LEVEL already decides whether these lines appear.</summary>
    private void Report(ReloadPlan plan, List<string> rewritten)
    {
        foreach (var change in plan.Live)
        {
            _log.Information("Reload: {Setting} changed from {Was} to {Now}, applied", change.Key, change.Was, change.Now);
        }

        foreach (var key in rewritten)
        {
            _log.Information("Reload: {Setting} holds a new secret, applied", key);
        }

        foreach (var change in plan.NeedRestart)
        {
            _log.Warning("Reload: {Setting} changed from {Was} to {Now}, needs a restart to take effect", change.Key, change.Was, change.Now);
        }

        if (plan.Live.Any(c => c.Key == SettingKeys.AllowedOrigins) && plan.Applied.AllowedOrigins.Count == 0)
        {
            _log.Warning("ALLOWED_ORIGINS is empty: WebSocket upgrades from any Origin are accepted");
        }

        _log.Information("Settings reloaded: {Applied} applied, {NeedRestart} need a restart", plan.Live.Count + rewritten.Count, plan.NeedRestart.Count);
    }
}
