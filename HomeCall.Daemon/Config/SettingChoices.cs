namespace HomeCall.Daemon.Config;

/// <summary>The named values of the choice settings, in the order error messages list them.</summary>
internal static class SettingChoices
{
    public static readonly IReadOnlyDictionary<string, ErrorLanguage> Languages = new Dictionary<string, ErrorLanguage>(StringComparer.Ordinal)
    {
        ["auto"] = ErrorLanguage.Auto,
        ["en"] = ErrorLanguage.English,
        ["ru"] = ErrorLanguage.Russian,
    };

    /// <summary>Serilog's level names; "info" is an alias that reads as "information".</summary>
    public static readonly IReadOnlyDictionary<string, string> LogLevels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["verbose"] = "verbose",
        ["debug"] = "debug",
        ["information"] = "information",
        ["info"] = "information",
        ["warning"] = "warning",
        ["error"] = "error",
        ["fatal"] = "fatal",
    };
}
