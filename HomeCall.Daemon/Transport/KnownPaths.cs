namespace HomeCall.Daemon.Transport;

/// <summary>
/// The paths the daemon serves (docs/protocol.md §1.1), as the strings the router and the
/// connection log use: a request for one of them gets the shared string instead of a new one.
/// </summary>
internal static class KnownPaths
{
    private static readonly string[] Paths = ["/", "/ws", "/ws/", "/signal", "/health", "/rooms", "/metrics", "/ice-servers"];

    public static string? Find(ReadOnlySpan<byte> path)
    {
        foreach (var known in Paths)
        {
            if (path.Length == known.Length && System.Text.Ascii.Equals(path, known))
            {
                return known;
            }
        }

        return null;
    }
}
