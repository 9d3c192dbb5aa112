using System.Collections;
using System.Runtime.Versioning;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Signaling.Sessions;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// `homecall fingerprint ROOM`: prints the room=... name the daemon's logs give a room a
/// user names, with the daemon's key (found as the daemon finds it), so support staff can
/// grep for it (README, docs/security.md). It only reads the key: a key it created would
/// match no log line.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class FingerprintCommand
{
    /// <summary>
    /// The dialect given, else the one the room's form says: a 36-character UUID is a
    /// /signal session id (docs/protocol.md §8), anything else a homecall code word. A
    /// 4-digit id stays homecall: it is also a valid homecall room name.
    /// </summary>
    public static Dialect DialectFor(string room, Dialect? given) =>
        given ?? (SessionIds.Normalize(room) is null ? Dialect.Homecall : Dialect.Session);

    public static int Run(CommandLineRequest request, DaemonOptions options, IDictionary environment, TextWriter stdout, TextWriter stderr)
    {
        var room = request.FingerprintRoom!;
        try
        {
            var key = FingerprintKeyFile.Load(FingerprintKeyFile.PathFor(options, environment));
            stdout.WriteLine(key.Fingerprinter.Of(DialectFor(room, request.FingerprintDialect), room));
            return ExitCodes.Ok;
        }
        catch (FingerprintKeyException ex)
        {
            stderr.WriteLine("homecall: " + ex.Message);
            return ExitCodes.Config;
        }
    }
}
