namespace HomeCall.Daemon.Config;

/// <summary>
/// The setting an env-file key was probably meant to be. Unknown keys are allowed (a systemd
/// EnvironmentFile may carry other programs' variables), but one a letter or two away from a
/// setting is almost surely a typo that would otherwise leave the default in force unseen.
/// </summary>
internal static class SettingSuggestions
{
    /// <summary>Edits (insert, delete, replace, ignoring case) that still count as the same word.</summary>
    private const int MaxDistance = 2;

    /// <summary>The closest setting key within <see cref="MaxDistance"/> edits, or null.</summary>
    public static string? For(string key)
    {
        var upper = key.ToUpperInvariant();
        string? best = null;
        var bestDistance = MaxDistance + 1;
        foreach (var known in SettingKeys.All)
        {
            var distance = Distance(upper, known);
            if (distance < bestDistance)
            {
                best = known;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance, two rows at a time (keys are a few dozen characters).</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var replace = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(replace, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
