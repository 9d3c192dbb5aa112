using System.Text;
using HomeCall.Daemon.Access;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Access;

/// <summary>The token format (docs/protocol.md §12.2): base64url payload and HMAC-SHA-256, checked in constant time.</summary>
public sealed class RoomTokenCodecTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(TestTokens.Secret);

    private static readonly RoomToken Bound = new(Dialect.Mesh, "team 1", new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero), "u1", 3);

    [Test]
    public void Decode_EncodedToken_SameFields()
    {
        var problem = RoomTokenCodec.Decode(RoomTokenCodec.Encode(Bound, Key), Key, out var token);

        Assert.That((problem, token), Is.EqualTo((TokenProblem.None, Bound)));
    }

    [Test]
    public void Decode_EncodedWithoutUserAndCreate_NullsKept()
    {
        var open = new RoomToken(Dialect.Homecall, "garden", Bound.ExpiresAt, null, null);

        RoomTokenCodec.Decode(RoomTokenCodec.Encode(open, Key), Key, out var token);

        Assert.That(token, Is.EqualTo(open));
    }

    [Test]
    public void Encode_AnyRoom_UrlSafeWithoutEscaping()
    {
        var token = RoomTokenCodec.Encode(Bound with { Room = "кухня?&=/+ #" }, Key);

        Assert.That(token, Does.Match("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$"));
        Assert.That(Uri.EscapeDataString(token), Is.EqualTo(token));
    }

    [Test]
    public void Decode_PayloadTampered_BadSignature()
    {
        var problem = RoomTokenCodec.Decode(TestTokens.Tampered(RoomTokenCodec.Encode(Bound, Key)), Key, out var token);

        Assert.That((problem, token), Is.EqualTo((TokenProblem.BadSignature, (RoomToken?)null)));
    }

    [Test]
    public void Decode_PayloadOfAnotherTokenWithThisMac_BadSignature()
    {
        var a = RoomTokenCodec.Encode(Bound, Key).Split('.');
        var b = RoomTokenCodec.Encode(Bound with { Room = "other" }, Key).Split('.');

        Assert.That(RoomTokenCodec.Decode(b[0] + "." + a[1], Key, out _), Is.EqualTo(TokenProblem.BadSignature));
    }

    [Test]
    public void Decode_SignedWithRotatedSecret_BadSignature()
    {
        var old = RoomTokenCodec.Encode(Bound, Encoding.UTF8.GetBytes(TestTokens.OtherSecret));

        Assert.That(RoomTokenCodec.Decode(old, Key, out _), Is.EqualTo(TokenProblem.BadSignature));
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase(".")]
    [TestCase(".abc")]
    [TestCase("abc.")]
    [TestCase("a!c.def")]
    [TestCase("abc.d!f")]
    public void Decode_NotATokenAtAll_Malformed(string text)
    {
        Assert.That(RoomTokenCodec.Decode(text, Key, out var token), Is.EqualTo(TokenProblem.Malformed));
        Assert.That(token, Is.Null);
    }

    [Test]
    public void Decode_LongerThanTheLimit_MalformedUnread()
    {
        var token = RoomTokenCodec.Encode(Bound with { Room = new string('r', RoomTokenCodec.MaxTokenChars) }, Key);

        Assert.That(RoomTokenCodec.Decode(token, Key, out _), Is.EqualTo(TokenProblem.Malformed));
    }

    [Test]
    public void Decode_SignedPayloadThatIsNoToken_Malformed()
    {
        // Only a holder of the secret could sign this; it must still not throw.
        var payload = System.Buffers.Text.Base64Url.EncodeToString("""{"d":"irc","r":1}"""u8);
        var mac = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes("homecall-room-token-v1." + payload)));

        Assert.That(RoomTokenCodec.Decode(payload + "." + mac, Key, out _), Is.EqualTo(TokenProblem.Malformed));
    }
}
