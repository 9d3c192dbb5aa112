using HomeCall.Daemon.Access;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// The secrets the settings name, with their files read: the ICE servers with TURN_SECRET_FILE's
/// content and the room secret with ROOM_SECRET_FILE's. Read at start before anything is bound
/// and again by every reload, with the same checks (<see cref="TurnSecretFile"/>,
/// <see cref="RoomSecret"/>): a file that cannot be used stops the start (exit 78) or refuses the
/// whole reload. A class, not a record: a record's ToString would print the secrets.
/// </summary>
internal sealed class ResolvedSecrets(IceServerSettings ice, RoomSecret room)
{
    public IceServerSettings Ice => ice;

    public RoomSecret Room => room;

    /// <summary>The secrets, or null with a one-line problem naming the file (never its content).</summary>
    public static ResolvedSecrets? Read(DaemonOptions options, Func<string, byte[]> readFile, out string problem)
    {
        string? turnSecret = null;
        if (options.TurnSecretFile.Length > 0)
        {
            turnSecret = TurnSecretFile.Read(options.TurnSecretFile, readFile, out problem);
            if (turnSecret is null)
            {
                return null;
            }
        }

        try
        {
            var roomSecret = RoomSecret.FromOptions(options);
            problem = "";
            return new ResolvedSecrets(IceServerSettings.From(options, turnSecret), roomSecret);
        }
        catch (RoomSecretException ex)
        {
            problem = ex.Message;
            return null;
        }
    }

    /// <summary>The secret-file settings whose file, still the same path, now holds another secret (rotated in place).</summary>
    public IEnumerable<string> FilesRewritten(DaemonOptions running, DaemonOptions read, ResolvedSecrets reread)
    {
        if (SamePath(running.TurnSecretFile, read.TurnSecretFile) && !string.Equals(ice.TurnSecret, reread.Ice.TurnSecret, StringComparison.Ordinal))
        {
            yield return SettingKeys.TurnSecretFile;
        }

        if (SamePath(running.RoomSecretFile, read.RoomSecretFile) && !room.SameAs(reread.Room))
        {
            yield return SettingKeys.RoomSecretFile;
        }
    }

    private static bool SamePath(string running, string read) =>
        running.Length > 0 && string.Equals(running, read, StringComparison.Ordinal);
}
