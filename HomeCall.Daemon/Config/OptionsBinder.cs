using System.Net;
using K = HomeCall.Daemon.Config.SettingKeys;

namespace HomeCall.Daemon.Config;

/// <summary>Turns merged settings into <see cref="DaemonOptions"/>, reporting every invalid one.</summary>
internal static class OptionsBinder
{
    public static BindResult Bind(IReadOnlyDictionary<string, string> values)
    {
        var r = new SettingReader(values);
        var options = new DaemonOptions();
        foreach (var setting in Settings.All)
        {
            options = setting.Read(r, KeyToRead(setting, values), options);
        }

        CheckHost(r, options.Host);
        QueueBounds.Check(r, options);
        IceSettingsRules.Check(r, options);
        return new BindResult(options, r.Errors);
    }

    /// <summary>The setting's own key, unless only its fallback is given (PORT without WS_PORT).</summary>
    private static string KeyToRead(SettingDefinition setting, IReadOnlyDictionary<string, string> values) =>
        setting.Fallback is { } fallback && !values.ContainsKey(setting.Key) && values.ContainsKey(fallback)
            ? fallback
            : setting.Key;

    private static void CheckHost(SettingReader r, string host)
    {
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            r.Fail($"{K.Host} must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1 (got '{host}')");
        }
    }
}
