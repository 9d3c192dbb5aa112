using System.Runtime.Versioning;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// The fixed fingerprint key of in-process daemons and harnesses (bytes 0x00..0x1f), so
/// tests can compute the room=... a log line must show; and that key as a key file for
/// the built binary.
/// </summary>
internal static class TestFingerprints
{
    public static readonly byte[] Key = Enumerable.Range(0, RoomFingerprinter.KeyBytes).Select(i => (byte)i).ToArray();

    public static RoomFingerprinter Fingerprinter { get; } = new(Key);

    public static string Of(Dialect dialect, string roomId) => Fingerprinter.Of(dialect, roomId);

    /// <summary>Writes <see cref="Key"/> as the daemon stores keys (64 hex digits, newline, mode 0600).</summary>
    [SupportedOSPlatform("linux")]
    public static void WriteKeyFile(string path)
    {
        File.WriteAllText(path, FingerprintKeyFile.Format(Key));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
