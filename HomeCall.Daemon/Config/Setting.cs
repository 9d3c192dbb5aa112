using System.Globalization;

namespace HomeCall.Daemon.Config;

/// <summary>
/// Builds <see cref="SettingDefinition"/>s by kind, so the range a value is checked against and
/// the range the docs state come from the same two numbers.
/// </summary>
internal static class Setting
{
    /// <summary>Between the bounds of a range, as docs/protocol.md §10.2 writes it.</summary>
    public const string RangeDash = " – ";

    public static SettingDefinition Int(
        string key, string doc, int min, int max, Func<DaemonOptions, int> get, Func<DaemonOptions, int, DaemonOptions> set) =>
        new(key, doc, Bounds(min, max), (r, k, o) => set(o, r.Int(k, get(o), min, max)), o => Number(get(o)), (t, s) => set(t, get(s)));

    public static SettingDefinition Millis(
        string key, string doc, int minMs, int maxMs, Func<DaemonOptions, TimeSpan> get, Func<DaemonOptions, TimeSpan, DaemonOptions> set) =>
        new(key, doc, Bounds(minMs, maxMs), (r, k, o) => set(o, r.Millis(k, get(o), minMs, maxMs)), o => Number((long)get(o).TotalMilliseconds), (t, s) => set(t, get(s)));

    public static SettingDefinition Text(
        string key, string doc, Func<DaemonOptions, string> get, Func<DaemonOptions, string, DaemonOptions> set) =>
        new(key, doc, "string", (r, k, o) => set(o, r.String(k, get(o))), get, (t, s) => set(t, get(s)));

    public static SettingDefinition Flag(
        string key, string doc, Func<DaemonOptions, bool> get, Func<DaemonOptions, bool, DaemonOptions> set) =>
        new(key, doc, "bool", (r, k, o) => set(o, r.Bool(k, get(o))), o => get(o) ? "true" : "false", (t, s) => set(t, get(s)));

    public static SettingDefinition List(
        string key, string doc, Func<DaemonOptions, IReadOnlyList<string>> get, Func<DaemonOptions, IReadOnlyList<string>, DaemonOptions> set) =>
        new(key, doc, "comma list", (r, k, o) => set(o, r.List(k, get(o))), o => string.Join(',', get(o)), (t, s) => set(t, get(s)));

    public static SettingDefinition Origins(
        string key, string doc, Func<DaemonOptions, IReadOnlyList<string>> get, Func<DaemonOptions, IReadOnlyList<string>, DaemonOptions> set) =>
        new(key, doc, "comma list", (r, k, o) => set(o, r.OriginList(k, get(o))), o => string.Join(',', get(o)), (t, s) => set(t, get(s)));

    public static SettingDefinition Addresses(
        string key, string doc, Func<DaemonOptions, IReadOnlyList<string>> get, Func<DaemonOptions, IReadOnlyList<string>, DaemonOptions> set) =>
        new(key, doc, "IP list", (r, k, o) => set(o, r.AddressList(k, get(o))), o => string.Join(',', get(o)), (t, s) => set(t, get(s)));

    /// <summary>One of named values; printed as the first name of its value, so aliases read back alike.</summary>
    public static SettingDefinition Choice<T>(
        string key, string doc, IReadOnlyDictionary<string, T> choices, Func<DaemonOptions, T> get, Func<DaemonOptions, T, DaemonOptions> set)
        where T : notnull =>
        new(key, doc, string.Join(", ", choices.Keys), (r, k, o) => set(o, r.Choice(k, get(o), choices)), o => NameOf(choices, get(o)), (t, s) => set(t, get(s)));

    private static string Bounds(int min, int max) => Number(min) + RangeDash + Number(max);

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string NameOf<T>(IReadOnlyDictionary<string, T> choices, T value)
        where T : notnull =>
        choices.FirstOrDefault(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Key ?? value.ToString() ?? "";
}
