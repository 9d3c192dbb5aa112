using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace HomeCall.Daemon.Transport;

/// <summary>RFC 6455 §4.2.2 pieces of the server's opening handshake.</summary>
internal static class Handshake
{
    /// <summary>RFC 6455 §4.2.1 item 5: base64 of a 16-byte nonce is 24 characters.</summary>
    public const int KeyChars = 24;

    private const int KeyBytes = 16;

    /// <summary>Base64 of a 20-byte SHA-1 digest.</summary>
    private const int AcceptChars = 28;

    /// <summary>RFC 6455 §1.3: the GUID appended to the client's key.</summary>
    private static ReadOnlySpan<byte> KeyGuid => "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8;

    private static ReadOnlySpan<byte> AnswerPrefix =>
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "u8;

    private static ReadOnlySpan<byte> AnswerSuffix => "\r\n\r\n"u8;

    /// <summary>The length of every 101 answer (<see cref="WriteSwitchingProtocols"/>).</summary>
    public static int SwitchingProtocolsLength => AnswerPrefix.Length + AcceptChars + AnswerSuffix.Length;

    public static string ComputeAccept(string key)
    {
        Span<byte> accept = stackalloc byte[AcceptChars];
        WriteAccept(Encoding.ASCII.GetBytes(key), accept);
        return Encoding.ASCII.GetString(accept);
    }

    /// <summary>RFC 6455 §4.2.1 item 5: base64 of a 16-byte nonce (24 characters).</summary>
    public static bool IsValidKey(string? key) => key is not null && key.Length == KeyChars && IsValidKey(key.AsSpan());

    /// <summary>As <see cref="IsValidKey(string)"/>, on the key's bytes in the request head.</summary>
    public static bool IsValidKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyChars)
        {
            return false;
        }

        Span<char> chars = stackalloc char[KeyChars];
        return Ascii.ToUtf16(key, chars, out _) == System.Buffers.OperationStatus.Done && IsValidKey((ReadOnlySpan<char>)chars);
    }

    public static byte[] SwitchingProtocols(string key)
    {
        var answer = new byte[SwitchingProtocolsLength];
        WriteSwitchingProtocols(Encoding.ASCII.GetBytes(key), answer);
        return answer;
    }

    /// <summary>The whole 101 answer for <paramref name="key"/> into <paramref name="destination"/> (at least <see cref="SwitchingProtocolsLength"/> bytes); returns its length.</summary>
    public static int WriteSwitchingProtocols(ReadOnlySpan<byte> key, Span<byte> destination)
    {
        AnswerPrefix.CopyTo(destination);
        WriteAccept(key, destination.Slice(AnswerPrefix.Length, AcceptChars));
        AnswerSuffix.CopyTo(destination[(AnswerPrefix.Length + AcceptChars)..]);
        return SwitchingProtocolsLength;
    }

    private static bool IsValidKey(ReadOnlySpan<char> key)
    {
        // One byte of room past 16: a 24-character value that decodes to more (no padding) is refused, not truncated.
        Span<byte> decoded = stackalloc byte[KeyBytes + 2];
        return Convert.TryFromBase64Chars(key, decoded, out var written) && written == KeyBytes;
    }

    // SHA-1 is what RFC 6455 prescribes here; it is a fixed transform, not a security boundary.
#pragma warning disable CA5350
    private static void WriteAccept(ReadOnlySpan<byte> key, Span<byte> accept)
    {
        // A key is 24 bytes once validated; ComputeAccept may be handed anything, so the buffer is sized for it.
        Span<byte> input = key.Length <= KeyChars ? stackalloc byte[KeyChars + KeyGuid.Length] : new byte[key.Length + KeyGuid.Length];
        key.CopyTo(input);
        KeyGuid.CopyTo(input[key.Length..]);
        Span<byte> digest = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input[..(key.Length + KeyGuid.Length)], digest);
        Base64.EncodeToUtf8(digest, accept, out _, out _);
    }
#pragma warning restore CA5350
}
