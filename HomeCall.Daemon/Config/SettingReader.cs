using System.Globalization;
using System.Net;

namespace HomeCall.Daemon.Config;

/// <summary>
/// Reads typed values out of merged KEY=value pairs, collecting every problem
/// (style: report all errors at once, each naming the key, the range and the value).
/// </summary>
internal sealed class SettingReader(IReadOnlyDictionary<string, string> values)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public bool TryRaw(string key, out string value)
    {
        if (values.TryGetValue(key, out var raw))
        {
            value = raw.Trim();
            return true;
        }

        value = "";
        return false;
    }

    public string String(string key, string fallback) => TryRaw(key, out var v) ? v : fallback;

    public int Int(string key, int fallback, int min, int max)
    {
        if (!TryRaw(key, out var raw))
        {
            return fallback;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        _errors.Add($"{key} must be a whole number {min}-{max} (got '{raw}')");
        return fallback;
    }

    public TimeSpan Millis(string key, TimeSpan fallback, int minMs, int maxMs) =>
        TimeSpan.FromMilliseconds(Int(key, (int)fallback.TotalMilliseconds, minMs, maxMs));

    public bool Bool(string key, bool fallback)
    {
        if (!TryRaw(key, out var raw))
        {
            return fallback;
        }

        switch (raw.ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "1":
                return true;
            case "false" or "no" or "off" or "0":
                return false;
            default:
                _errors.Add($"{key} must be true or false (got '{raw}')");
                return fallback;
        }
    }

    public IReadOnlyList<string> List(string key, IReadOnlyList<string> fallback) =>
        TryRaw(key, out var raw)
            ? raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : fallback;

    public IReadOnlyList<string> AddressList(string key, IReadOnlyList<string> fallback)
    {
        var list = List(key, fallback);
        foreach (var item in list.Where(a => !IPAddress.TryParse(a, out _)))
        {
            _errors.Add($"{key} must list IP addresses separated by commas (got '{item}')");
        }

        return list;
    }

    /// <summary>
    /// Origins as browsers send them (RFC 6454 §6.2): <c>scheme://host[:port]</c>. A bare host
    /// (<c>call.example.org</c>) or a path never equals a browser's Origin, so such a list would
    /// lock every browser out while looking right: refused here instead.
    /// </summary>
    public IReadOnlyList<string> OriginList(string key, IReadOnlyList<string> fallback)
    {
        var list = List(key, fallback);
        foreach (var item in list.Where(o => !OriginSyntax.IsValid(o)))
        {
            _errors.Add($"{key} must list origins as scheme://host[:port], such as https://call.example.org (got '{item}')");
        }

        return list;
    }

    public T Choice<T>(string key, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        if (!TryRaw(key, out var raw))
        {
            return fallback;
        }

        if (choices.TryGetValue(raw.ToLowerInvariant(), out var value))
        {
            return value;
        }

        _errors.Add($"{key} must be one of {string.Join(", ", choices.Keys)} (got '{raw}')");
        return fallback;
    }

    public void Fail(string message) => _errors.Add(message);
}
