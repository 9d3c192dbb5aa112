using System.Security.Cryptography;
using System.Text;

namespace HomeCall.Daemon.Transport;

/// <summary>RFC 6455 §4.2.2 pieces of the server's opening handshake.</summary>
internal static class Handshake
{
    /// <summary>RFC 6455 §1.3: the GUID appended to the client's key.</summary>
    private const string KeyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private const int KeyBytes = 16;

    // SHA-1 is what RFC 6455 prescribes here; it is a fixed transform, not a security boundary.
#pragma warning disable CA5350
    public static string ComputeAccept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + KeyGuid)));
#pragma warning restore CA5350

    /// <summary>RFC 6455 §4.2.1 item 5: base64 of a 16-byte nonce (24 characters).</summary>
    public static bool IsValidKey(string? key)
    {
        if (key is null || key.Length != 24)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[18];
        return Convert.TryFromBase64String(key, decoded, out var written) && written == KeyBytes;
    }

    public static byte[] SwitchingProtocols(string key) => Encoding.ASCII.GetBytes(
        "HTTP/1.1 101 Switching Protocols\r\n" +
        "Upgrade: websocket\r\n" +
        "Connection: Upgrade\r\n" +
        $"Sec-WebSocket-Accept: {ComputeAccept(key)}\r\n\r\n");
}
