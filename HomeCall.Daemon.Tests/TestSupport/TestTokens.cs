using System.Text;
using HomeCall.Daemon.Access;
using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Room tokens for tests, signed with a fixed test secret (or another one, to play a rotated secret).</summary>
internal static class TestTokens
{
    public const string Secret = "test-room-secret-0123456789abcdef";

    public const string OtherSecret = "rotated-room-secret-fedcba9876543210";

    /// <summary>Far enough after any fake clock's start that tokens do not expire unless a test says so.</summary>
    public static readonly DateTimeOffset FarFuture = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Sign(Dialect dialect, string room, string? user = null, int? create = null, DateTimeOffset? expires = null, string secret = Secret) =>
        RoomTokenCodec.Encode(new RoomToken(dialect, room, expires ?? FarFuture, user, create), Encoding.UTF8.GetBytes(secret));

    /// <summary>The token with one character of its payload changed (still base64url).</summary>
    public static string Tampered(string token) =>
        (token[0] == 'A' ? "B" : "A") + token[1..];
}
