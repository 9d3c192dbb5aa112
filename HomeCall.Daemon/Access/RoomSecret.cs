using System.Text;
using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Access;

/// <summary>
/// ROOM_SECRET (or the contents of ROOM_SECRET_FILE) as read at start or by a reload; a
/// reload swaps the whole <see cref="AccessPolicy"/> holding it. Null means access control by
/// token is off. A class, not a record: a record's ToString would print the key.
/// </summary>
internal sealed class RoomSecret(byte[]? secret)
{
    /// <summary>Shorter secrets are refused (at start and by a reload): an HMAC key of a few characters falls to an offline search of one token.</summary>
    public const int MinChars = AccessRules.MinSecretChars;

    /// <summary>The HMAC key of room tokens (docs/protocol.md §12.1), or null when tokens are off.</summary>
    public byte[]? Key { get; } = secret;

    public bool IsSet => Key is not null;

    /// <summary>The same key (or both off): a reload that read it again changes nothing.</summary>
    public bool SameAs(RoomSecret other) =>
        Key is null ? other.Key is null : other.Key is not null && Key.AsSpan().SequenceEqual(other.Key);

    /// <summary>The secret the settings name: ROOM_SECRET, else ROOM_SECRET_FILE's contents (trailing newline dropped); null when neither is set.</summary>
    public static RoomSecret FromOptions(DaemonOptions options)
    {
        if (options.RoomSecret.Length > 0)
        {
            return new RoomSecret(Encoding.UTF8.GetBytes(options.RoomSecret));
        }

        return options.RoomSecretFile.Length == 0 ? new RoomSecret(null) : new RoomSecret(ReadFile(options.RoomSecretFile));
    }

    private static byte[] ReadFile(string path)
    {
        string text;
        try
        {
            if (SecretFileAccess.OpenToOthers(path))
            {
                throw new RoomSecretException(SecretFileAccess.OpenToOthersProblem(SettingKeys.RoomSecretFile, path));
            }

            text = File.ReadAllText(path, Encoding.UTF8).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RoomSecretException($"{SettingKeys.RoomSecretFile} {path} cannot be read: {ex.Message}");
        }

        if (text.Length < MinChars)
        {
            throw new RoomSecretException($"{SettingKeys.RoomSecretFile} {path} must hold at least {MinChars} characters (create one with: openssl rand -base64 32)");
        }

        return Encoding.UTF8.GetBytes(text);
    }
}
