namespace HomeCall.Daemon.Protocol;

/// <summary>The lower-case dialect names used in fingerprints, /health and metrics labels (docs/protocol.md §1.3, §11.6).</summary>
internal static class DialectNames
{
    public static string Of(Dialect dialect) => dialect switch
    {
        Dialect.Homecall => "homecall",
        Dialect.Mesh => "mesh",
        Dialect.Numeric => "numeric",
        Dialect.Session => "session",
        // A new dialect must be named here, not fall under another's name in fingerprints and metrics.
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "unnamed dialect"),
    };

    public static bool TryParse(string name, out Dialect dialect)
    {
        foreach (var d in Enum.GetValues<Dialect>())
        {
            if (Of(d) == name)
            {
                dialect = d;
                return true;
            }
        }

        dialect = default;
        return false;
    }
}
