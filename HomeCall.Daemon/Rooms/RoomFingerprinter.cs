using System.Security.Cryptography;
using System.Text;
using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Rooms;

/// <summary>
/// Names a room in logs without revealing it: the first 8 hex digits of
/// HMAC-SHA-256(key, "dialect:roomId") (RFC 2104), with this install's secret key
/// (docs/security.md). An unkeyed hash of a 4-digit id or a dictionary code word is
/// reversed by trying every candidate; without the key nobody can compute the candidates'
/// fingerprints. Session ids are lower-cased first, as the daemon keeps them.
/// </summary>
internal sealed class RoomFingerprinter
{
    /// <summary>Key length: the hash output length, the least RFC 2104 §3 recommends for an HMAC key.</summary>
    public const int KeyBytes = 32;

    /// <summary>8 hex digits in the log line.</summary>
    private const int FingerprintBytes = 4;

    private readonly byte[] _key;

    public RoomFingerprinter(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"a fingerprint key has {KeyBytes} bytes (got {key.Length})", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>Called once per room (its fingerprint is kept), never per message.</summary>
    public string Of(Dialect dialect, string roomId)
    {
        var id = dialect == Dialect.Session ? roomId.ToLowerInvariant() : roomId;
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(DialectNames.Of(dialect) + ":" + id), mac);
        return Convert.ToHexStringLower(mac[..FingerprintBytes]);
    }
}
