using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HomeCall.Daemon.Ice;

/// <summary>
/// Short-lived TURN credentials in the TURN REST scheme coturn checks with `use-auth-secret`
/// (turnserver(8)): the username is the expiry as Unix
/// seconds, a colon and an opaque id; the password is base64(HMAC-SHA1(secret, username)).
/// coturn refuses a username whose time has passed (401), so nothing needs revoking.
/// </summary>
internal static class TurnCredentials
{
    /// <summary>Random bytes in the id: it names no room or user, only this issue of credentials.</summary>
    public const int IdBytes = 9;

    /// <summary>A fresh opaque id (URL-safe base64, no colon).</summary>
    public static string NewId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(IdBytes)).Replace('+', '-').Replace('/', '_');

    public static string Username(long expiresAtUnixSeconds, string id) =>
        expiresAtUnixSeconds.ToString(CultureInfo.InvariantCulture) + ":" + id;

    /// <summary>
    /// The password coturn expects for <paramref name="username"/>. SHA-1 is what coturn's
    /// scheme fixes (collisions in SHA-1 do not weaken HMAC-SHA1, RFC 6194).
    /// </summary>
#pragma warning disable CA5350 // coturn's use-auth-secret verifies HMAC-SHA1 only (turnserver(8)).
    public static string Credential(string secret, string username) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
#pragma warning restore CA5350
}
