using System.Collections;

namespace HomeCall.Daemon.Config;

/// <summary>
/// Merges the sources, lowest to highest precedence: built-in defaults &lt; env file &lt;
/// process environment &lt; command-line flags, then binds and validates.
/// </summary>
internal static class ConfigLoader
{
    public static BindResult Load(CommandLineRequest request, IDictionary environment, Func<string, byte[]> readFile)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var notices = new List<string>();

        if (request.EnvFile is { } path)
        {
            try
            {
                var file = EnvFileParser.Parse(readFile(path));
                errors.AddRange(file.Errors.Select(e => $"{path}: {e}"));
                notices.AddRange(file.Warnings.Select(w => $"{path}: {w}"));
                notices.AddRange(LikelyTypos(path, file.Values.Keys));
                Overlay(merged, file.Values);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"cannot read env file {path}: {ex.Message}");
            }
        }

        Overlay(merged, FromEnvironment(environment));
        Overlay(merged, request.Overrides);

        var bound = OptionsBinder.Bind(merged);
        errors.AddRange(bound.Errors);
        return bound with { Errors = errors, Notices = notices };
    }

    private static IEnumerable<string> LikelyTypos(string path, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (key != SettingKeys.PortFallback && !SettingKeys.All.Contains(key) && SettingSuggestions.For(key) is { } meant)
            {
                yield return $"{path}: {key} is not a setting (did you mean {meant}?); it is ignored";
            }
        }
    }

    private static Dictionary<string, string> FromEnvironment(IDictionary environment)
    {
        var known = new HashSet<string>(SettingKeys.All, StringComparer.Ordinal) { SettingKeys.PortFallback };
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && known.Contains(key) && entry.Value is string value)
            {
                values[key] = value;
            }
        }

        return values;
    }

    private static void Overlay(Dictionary<string, string> target, IReadOnlyDictionary<string, string> source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }
}
