namespace HomeCall.Daemon.Signaling.Sessions;

/// <summary>docs/protocol.md §8: a session id is a UUID in the 36-character hyphenated form, hex in either case; kept in lower case.</summary>
internal static class SessionIds
{
    private const int Length = 36;

    public static string? Normalize(string value)
    {
        if (value.Length != Length)
        {
            return null;
        }

        for (var i = 0; i < Length; i++)
        {
            var c = value[i];
            var hyphen = i is 8 or 13 or 18 or 23;
            if (hyphen ? c != '-' : !char.IsAsciiHexDigit(c))
            {
                return null;
            }
        }

        return value.ToLowerInvariant();
    }
}
