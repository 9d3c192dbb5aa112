using System.Globalization;
using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Every connection and pending handshake holds a file descriptor. At the process's limit
/// accept fails (EMFILE) and the .NET runtime itself can stop serving or abort, so the daemon
/// warns at start when its settings may need more descriptors than the limit allows. (The
/// runtime raises the soft limit to the hard one at start; /proc/self/limits shows the result.)
/// </summary>
internal static class OpenFileLimit
{
    /// <summary>Descriptors the runtime, the listener and the log files use besides client sockets.</summary>
    public const int Reserve = 64;

    private const string LimitsFile = "/proc/self/limits";
    private const string Row = "Max open files";

    /// <summary>Client sockets the settings allow at once, plus <see cref="Reserve"/>.</summary>
    public static long Needed(DaemonOptions options) =>
        (long)options.MaxConnections + options.MaxPendingHandshakes + Reserve;

    /// <summary>The soft open-file limit from /proc/self/limits text; null when unlimited or unreadable.</summary>
    public static long? Parse(string limits)
    {
        foreach (var line in limits.Split('\n'))
        {
            if (!line.StartsWith(Row, StringComparison.Ordinal))
            {
                continue;
            }

            var soft = line[Row.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }

        return null;
    }

    /// <summary>This process's soft limit, or null where it cannot be read (not Linux) or is unlimited.</summary>
    public static long? Current()
    {
        try
        {
            return Parse(File.ReadAllText(LimitsFile));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
