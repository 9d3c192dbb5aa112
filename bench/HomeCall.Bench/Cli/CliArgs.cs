using System.Globalization;

namespace HomeCall.Bench.Cli;

/// <summary>
/// `--name value` options and `--flag` switches after the mode word. Every value is read
/// through a typed getter with its default; <see cref="Unused"/> lists options nobody read,
/// so a typo is an error rather than a silently ignored setting.
/// </summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CliArgs(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            if (flags.Contains(name))
            {
                _values[name] = null;
            }
            else if (i + 1 < args.Count)
            {
                _values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"{arg} needs a value");
            }
        }
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _values.ContainsKey(name);
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    public int Int(string name, int fallback, int min, int max)
    {
        var raw = Text(name);
        if (raw is null)
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"--{name} must be a whole number {min}-{max} (got '{raw}')");
        }

        return value;
    }

    public double Seconds(string name, double fallback, double min, double max)
    {
        var raw = Text(name);
        if (raw is null)
        {
            return fallback;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"--{name} must be a number of seconds {min}-{max} (got '{raw}')");
        }

        return value;
    }

    /// <summary>Options given but never read by the mode: misspelt or meant for another mode.</summary>
    public IReadOnlyList<string> Unused => _values.Keys.Where(k => !_read.Contains(k)).Select(k => "--" + k).ToArray();
}
