namespace HomeCall.Daemon.Config;

/// <summary>
/// One setting, declared once in <see cref="Settings.All"/>: how it is read into and printed
/// from <see cref="DaemonOptions"/>, its valid range and the line the README documents it with.
/// </summary>
/// <param name="Key">The environment / env-file key.</param>
/// <param name="Doc">The README configuration table's "meaning" cell (markdown).</param>
/// <param name="Range">The valid values as docs/protocol.md §10.2 states them (without backticks).</param>
/// <param name="Read">Parses the value under the given key into the options, reporting an invalid one.</param>
/// <param name="Format">The value as --check-config prints it, in env-file syntax (not masked).</param>
/// <param name="Adopt">The first options with this setting's value taken from the second (a reload applying a live setting).</param>
internal sealed record SettingDefinition(
    string Key,
    string Doc,
    string Range,
    Func<SettingReader, string, DaemonOptions, DaemonOptions> Read,
    Func<DaemonOptions, string> Format,
    Func<DaemonOptions, DaemonOptions, DaemonOptions> Adopt)
{
    /// <summary>
    /// A reload (SIGHUP) applies it to the running daemon: whatever uses it reads
    /// <see cref="LiveOptions.Current"/> per use. Any other setting that changed is logged as
    /// needing a restart and keeps its running value.
    /// </summary>
    public bool Live { get; init; }

    /// <summary>Printed as <see cref="OptionsPrinter.Masked"/> when set (the start log, --check-config).</summary>
    public bool Secret { get; init; }

    /// <summary>A key read instead when <see cref="Key"/> is absent (PORT for WS_PORT).</summary>
    public string? Fallback { get; init; }

    /// <summary>The built-in default as printed: <see cref="DaemonOptions"/> is its one source.</summary>
    public string Default => Format(new DaemonOptions());

    /// <summary>The value as printed for people: a secret that is set shows only that it is set.</summary>
    public string Describe(DaemonOptions options)
    {
        var value = Format(options);
        return Secret && value.Length > 0 ? OptionsPrinter.Masked : value;
    }
}
