using System.Globalization;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// How big and long a soak run is: short by default so `make test` stays quick,
/// scaled up by `make soak` through HOMECALL_SOAK_SECONDS, HOMECALL_SOAK_CLIENTS and
/// HOMECALL_SOAK_INTERVAL_MS (each client's send period).
/// </summary>
internal sealed record SoakSettings(TimeSpan Duration, int Clients, TimeSpan Interval)
{
    public const int RoomSize = 4;

    /// <summary>
    /// Steps every peer makes however slow the machine: half of what the nominal run makes
    /// (Duration / Interval), so a loaded machine runs longer instead of doing less.
    /// </summary>
    public int MinSteps => Math.Max(1, (int)(Duration / Interval / 2));

    public static SoakSettings FromEnvironment() => new(
        TimeSpan.FromSeconds(Read("HOMECALL_SOAK_SECONDS", 8)),
        Read("HOMECALL_SOAK_CLIENTS", 200),
        TimeSpan.FromMilliseconds(Read("HOMECALL_SOAK_INTERVAL_MS", 250)));

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
}
