using System.Security.Cryptography;
using System.Text;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Http;

/// <summary>Checks `Authorization: Bearer $ADMIN_TOKEN` in constant time (docs/protocol.md §1.3); no token configured means nobody is admin.</summary>
internal sealed class AdminToken(string configured)
{
    private byte[]? _hash = Hash(configured);

    public bool IsAdmin(HttpRequestHead request)
    {
        var header = request.Single("Authorization");
        var hash = Volatile.Read(ref _hash);
        if (hash is null || header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first makes the comparison independent of the presented token's length.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, hash);
    }

    /// <summary>A reload's token: the old one stops working with the next request.</summary>
    public void Replace(string configured) => Volatile.Write(ref _hash, Hash(configured));

    private static byte[]? Hash(string token) => token.Length == 0 ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
