using System.Security.Cryptography;
using System.Text;

namespace HomeCall.Daemon.Rooms;

/// <summary>
/// Spec §6: logs name a room by the first 8 hex digits of SHA-256("dialect:roomId"),
/// never by its id, which may be a secret code word.
/// </summary>
internal static class RoomFingerprint
{
    public static string Of(Dialect dialect, string roomId)
    {
        var id = dialect == Dialect.Session ? roomId.ToLowerInvariant() : roomId;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(DialectNames.Of(dialect) + ":" + id));
        return Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }
}
