using System.Security.Cryptography;
using System.Text;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Http;

/// <summary>Checks `Authorization: Bearer $ADMIN_TOKEN` in constant time (docs/protocol.md §1.3); no token configured means nobody is admin.</summary>
internal sealed class AdminToken(string configured)
{
    private readonly byte[]? _hash = configured.Length == 0 ? null : SHA256.HashData(Encoding.UTF8.GetBytes(configured));

    public bool IsAdmin(HttpRequestHead request)
    {
        var header = request.Single("Authorization");
        if (_hash is null || header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first makes the comparison independent of the presented token's length.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _hash);
    }
}
