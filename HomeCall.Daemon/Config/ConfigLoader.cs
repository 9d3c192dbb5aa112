using System.Collections;

namespace HomeCall.Daemon.Config;

/// <summary>
/// Merges the sources, lowest to highest precedence: built-in defaults &lt; (for the service's own
/// file, the unit's <c>Environment=</c> lines, which <c>EnvironmentFile=</c> overrides) &lt; env
/// file &lt; process environment &lt; command-line flags, then binds and validates.
/// </summary>
internal static class ConfigLoader
{
    public static BindResult Load(CommandLineRequest request, IDictionary environment, Func<string, byte[]> readFile)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var notices = new List<string>();
        IReadOnlyDictionary<string, string> fileValues = new Dictionary<string, string>();

        if (request.EnvFile is { } path)
        {
            try
            {
                var file = EnvFileParser.Parse(readFile(path));
                errors.AddRange(file.Errors.Select(e => $"{path}: {e}"));
                notices.AddRange(file.Warnings.Select(w => $"{path}: {w}"));
                notices.AddRange(LikelyTypos(path, file.Values.Keys));
                fileValues = file.Values;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"cannot read env file {path}: {ex.Message}");
            }

            if (request.AsService)
            {
                Overlay(merged, ServiceEnvFile.UnitEnvironment);
                notices.AddRange(ServiceEnvFile.UnitNotices(path, fileValues));
            }

            Overlay(merged, fileValues);
        }

        var fromEnvironment = FromEnvironment(environment, out var unknownKeys);
        notices.AddRange(LikelyTypos("environment", unknownKeys.Where(k => !fileValues.ContainsKey(k))));
        Overlay(merged, fromEnvironment);
        Overlay(merged, request.Overrides);

        var bound = OptionsBinder.Bind(merged);
        errors.AddRange(bound.Errors);
        return bound with { Errors = errors, Notices = notices, EnvFileValues = fileValues };
    }

    private static IEnumerable<string> LikelyTypos(string source, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (key != SettingKeys.PortFallback && !SettingKeys.All.Contains(key) && SettingSuggestions.For(key) is { } meant)
            {
                yield return $"{source}: {key} is not a setting (did you mean {meant}?); it is ignored";
            }
        }
    }

    /// <summary>
    /// The settings among the environment's variables, and the other names (sorted). Under the
    /// unit the env file arrives this way (EnvironmentFile=), so its misspelled keys are found
    /// here; other programs' variables are rarely within two letters of a setting.
    /// </summary>
    private static Dictionary<string, string> FromEnvironment(IDictionary environment, out IReadOnlyList<string> unknown)
    {
        var known = new HashSet<string>(SettingKeys.All, StringComparer.Ordinal) { SettingKeys.PortFallback };
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var others = new List<string>();
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && known.Contains(key) && entry.Value is string value)
            {
                values[key] = value;
            }
            else if (entry.Key is string other)
            {
                others.Add(other);
            }
        }

        others.Sort(StringComparer.Ordinal);
        unknown = others;
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
