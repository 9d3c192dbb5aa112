using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Access;

/// <summary>
/// The token format (docs/protocol.md §12.2): `PAYLOAD.MAC`, both base64url without padding
/// (RFC 4648 §5), so a token fits a URL query unescaped. PAYLOAD is compact JSON
/// {"d":dialect,"r":room,"e":expiry in Unix seconds[,"u":user][,"c":create count]};
/// MAC is HMAC-SHA-256 (RFC 2104) under ROOM_SECRET of a fixed label and PAYLOAD, compared
/// in constant time. The payload is signed, not encrypted: a token shows its room to whoever
/// holds it, as the link it replaces did.
/// </summary>
internal static class RoomTokenCodec
{
    /// <summary>Longer input is refused unread: a room of 128 and a user of 64 characters need far less.</summary>
    public const int MaxTokenChars = 2048;

    private static readonly byte[] Label = "homecall-room-token-v1."u8.ToArray();

    public static string Encode(RoomToken token, ReadOnlySpan<byte> secret)
    {
        var payload = Base64Url.EncodeToString(Payload(token));
        return payload + "." + Base64Url.EncodeToString(Mac(secret, payload));
    }

    /// <summary>Checks the signature and reads the payload; expiry, room, dialect and user are the caller's to check.</summary>
    public static TokenProblem Decode(string text, ReadOnlySpan<byte> secret, out RoomToken? token)
    {
        token = null;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (text.Length > MaxTokenChars || dot <= 0 || !TryDecode(text[(dot + 1)..], out var mac) || mac.Length != HMACSHA256.HashSizeInBytes)
        {
            return TokenProblem.Malformed;
        }

        var payload = text[..dot];
        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(secret, payload)))
        {
            return TokenProblem.BadSignature;
        }

        token = TryDecode(payload, out var json) ? Read(json) : null;
        return token is null ? TokenProblem.Malformed : TokenProblem.None;
    }

    private static byte[] Mac(ReadOnlySpan<byte> secret, string payload) =>
        HMACSHA256.HashData(secret, [.. Label, .. Encoding.ASCII.GetBytes(payload)]);

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (!Base64Url.IsValid(text))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(text);
        return true;
    }

    private static byte[] Payload(RoomToken token)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("d", DialectNames.Of(token.Dialect));
            w.WriteString("r", token.Room);
            w.WriteNumber("e", token.ExpiresAt.ToUnixTimeSeconds());
            if (token.User is not null)
            {
                w.WriteString("u", token.User);
            }

            if (token.CreateLimit is { } limit)
            {
                w.WriteNumber("c", limit);
            }

            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The payload's fields, or null when it is not what <see cref="Payload"/> writes (only a signer could have made it so).</summary>
    private static RoomToken? Read(byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!root.TryGetProperty("d", out var d) || !DialectNames.TryParse(d.GetString() ?? "", out var dialect)
                || !root.TryGetProperty("r", out var r) || r.GetString() is not { } room
                || !root.TryGetProperty("e", out var e))
            {
                return null;
            }

            var user = root.TryGetProperty("u", out var u) ? u.GetString() : null;
            int? create = root.TryGetProperty("c", out var c) ? c.GetInt32() : null;
            return new RoomToken(dialect, room, DateTimeOffset.FromUnixTimeSeconds(e.GetInt64()), user, create);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
