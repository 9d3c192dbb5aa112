namespace HomeCall.Daemon.Config;

/// <summary>
/// Parses systemd EnvironmentFile syntax: KEY=value lines, '#' or ';' comments,
/// blank lines, optional single or double quotes, an optional leading "export ".
/// Pure: returns the pairs and every malformed line, never throws.
/// </summary>
internal static class EnvFileParser
{
    public static EnvFileResult Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? line[..eq].Trim() : "";
            if (key.Length == 0 || !IsValidKey(key))
            {
                errors.Add($"line {i + 1}: expected KEY=value");
                continue;
            }

            var value = Unquote(line[(eq + 1)..].Trim(), out var ok);
            if (!ok)
            {
                errors.Add($"line {i + 1}: unterminated quote in {key}");
                continue;
            }

            values[key] = value;
        }

        return new EnvFileResult(values, errors);
    }

    private static bool IsValidKey(string key) =>
        key.All(c => c == '_' || char.IsAsciiLetterOrDigit(c)) && !char.IsAsciiDigit(key[0]);

    private static string Unquote(string raw, out bool ok)
    {
        ok = true;
        if (raw.Length == 0 || (raw[0] != '"' && raw[0] != '\''))
        {
            // An unquoted value may carry a trailing comment after whitespace.
            var hash = raw.IndexOf(" #", StringComparison.Ordinal);
            return hash >= 0 ? raw[..hash].TrimEnd() : raw;
        }

        var quote = raw[0];
        var end = raw.LastIndexOf(quote);
        if (end == 0)
        {
            ok = false;
            return "";
        }

        var inner = raw[1..end];
        return quote == '"' ? inner.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : inner;
    }
}
