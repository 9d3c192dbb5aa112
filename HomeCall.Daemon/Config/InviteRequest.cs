using System.Globalization;
using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Config;

/// <summary>
/// `homecall invite` as asked (README "Private rooms"): a token for <see cref="Room"/> (null
/// with --check or --self-test), or <see cref="CheckToken"/> to explain one. A null dialect is
/// chosen from the room's form, as `fingerprint` does; a null create limit is no limit.
/// </summary>
internal sealed record InviteRequest(
    string? Room, Dialect? Dialect, string? User, TimeSpan Ttl, int? CreateLimit, string? BaseUrl, string? CheckToken, bool SelfTest)
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(24);

    /// <summary>A self-test link is for a check now, not for sharing.</summary>
    public static readonly TimeSpan DefaultSelfTestTtl = TimeSpan.FromHours(1);

    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(366);

    public static InviteRequest Parse(List<string> positional, Dialect? dialect, Dictionary<string, string> options, List<string> errors)
    {
        var check = options.GetValueOrDefault("--check");
        var selfTest = options.ContainsKey("--self-test");
        var wantsRoom = check is null && !selfTest;
        if (positional.Count != (wantsRoom ? 1 : 0))
        {
            errors.Add(wantsRoom ? "invite takes exactly one ROOM (or --check TOKEN, or --self-test)" : "invite --check and --self-test take no ROOM");
        }

        var ttl = options.TryGetValue("--ttl", out var t) ? ParseTtl(t, errors) : selfTest ? DefaultSelfTestTtl : DefaultTtl;
        int? create = options.TryGetValue("--create", out var c) ? ParseCreate(c, errors) : null;
        return new InviteRequest(
            wantsRoom && positional.Count == 1 ? positional[0] : null,
            dialect,
            options.GetValueOrDefault("--user"),
            ttl,
            create,
            options.GetValueOrDefault("--base-url"),
            check,
            selfTest);
    }

    /// <summary>A number and a unit: s, m, h or d ("90s", "30m", "24h", "7d").</summary>
    private static TimeSpan ParseTtl(string text, List<string> errors)
    {
        var unit = text.Length > 0 ? text[^1] : ' ';
        var scale = unit switch { 's' => TimeSpan.FromSeconds(1), 'm' => TimeSpan.FromMinutes(1), 'h' => TimeSpan.FromHours(1), 'd' => TimeSpan.FromDays(1), _ => TimeSpan.Zero };
        if (scale == TimeSpan.Zero || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || scale * n > MaxTtl)
        {
            errors.Add($"--ttl must be a number with s, m, h or d, at most 366d (got '{text}')");
            return DefaultTtl;
        }

        return scale * n;
    }

    private static int? ParseCreate(string text, List<string> errors)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            errors.Add($"--create must be a count, 0 for join only (got '{text}')");
            return null;
        }

        return n;
    }
}
