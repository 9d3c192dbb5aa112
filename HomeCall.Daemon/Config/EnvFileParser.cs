using System.Text;

namespace HomeCall.Daemon.Config;

/// <summary>
/// Reads an env file exactly as systemd 252 reads an EnvironmentFile= for a service: the
/// syntax of <see cref="EnvFileScanner"/>, then what load_env_file() and the service manager
/// do with each assignment (src/basic/env-file.c, src/core/execute.c): invalid UTF-8 or a NUL
/// byte refuses the whole file, a later assignment replaces an earlier one of the same key, and
/// an assignment whose name is not a valid variable name is dropped. Pure; never throws.
/// Messages name keys and line numbers, never values (a value may be a secret).
/// </summary>
internal static class EnvFileParser
{
    private const string Refused = "systemd refuses the whole file";
    private const string ExportPrefix = "export ";
    private const char ByteOrderMark = '\uFEFF';

    public static EnvFileResult Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    public static EnvFileResult Parse(ReadOnlySpan<byte> content)
    {
        if (content.Contains((byte)0))
        {
            // read_full_file() refuses a file with a NUL byte anywhere, even in a comment.
            return new EnvFileResult(new Dictionary<string, string>(), [$"contains a NUL byte; {Refused}"], []);
        }

        var scan = EnvFileScanner.Scan(content);
        var errors = new List<string>();
        var notes = new List<EnvFileNote>(scan.Notes);
        var assigned = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        foreach (var assignment in scan.Assignments)
        {
            if (Decode(assignment, errors) is { } pair)
            {
                assigned[pair.Key] = (pair.Value, assignment.Line);
            }
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, (value, line)) in assigned)
        {
            if (EnvFileText.IsVariableName(key))
            {
                values[key] = value;
            }
            else
            {
                notes.Add(new EnvFileNote(line, InvalidName(key)));
            }
        }

        var warnings = notes.OrderBy(n => n.Line).Select(n => n.ToString()).ToList();
        return errors.Count > 0
            ? new EnvFileResult(new Dictionary<string, string>(), errors, warnings)
            : new EnvFileResult(values, errors, warnings);
    }

    private static KeyValuePair<string, string>? Decode(EnvFileAssignment assignment, List<string> errors)
    {
        if (!EnvFileText.TryDecode(assignment.Key, out var key))
        {
            errors.Add($"line {assignment.Line}: a key is not valid UTF-8; {Refused}");
            return null;
        }

        if (!EnvFileText.TryDecode(assignment.Value, out var value))
        {
            errors.Add($"line {assignment.Line}: the value of {Printable(key)} is not valid UTF-8; {Refused}");
            return null;
        }

        return new KeyValuePair<string, string>(key, value);
    }

    private static string InvalidName(string key)
    {
        var why = key.StartsWith(ExportPrefix, StringComparison.Ordinal) ? "systemd takes no 'export'"
            : key.StartsWith(ByteOrderMark) ? "the file starts with a byte order mark, which systemd reads as part of the key"
            : "ASCII letters, digits and '_', not starting with a digit";
        return $"'{Printable(key)}' is not a variable name ({why}), so systemd ignores this assignment";
    }

    /// <summary>The key with anything but printable ASCII as \uXXXX (a BOM or a control character would not show).</summary>
    private static string Printable(string key) =>
        string.Concat(key.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
