using HomeCall.Daemon.Ice;

namespace HomeCall.Daemon.Tests.Ice;

public sealed class TurnCredentialsTests
{
    [Test]
    public void Credential_KnownVector_Base64OfHmacSha1()
    {
        // printf '%s' '1700000000:homecall' | openssl dgst -sha1 -hmac 'north-wind' -binary | base64
        Assert.That(TurnCredentials.Credential("north-wind", "1700000000:homecall"), Is.EqualTo("BvtVl1D7IiWsxNhJGFfTGBQR/fE="));
    }

    [Test]
    public void Username_ExpiryAndId_JoinedByAColon()
    {
        Assert.That(TurnCredentials.Username(1700000000, "abc"), Is.EqualTo("1700000000:abc"));
    }

    [Test]
    public void NewId_TwoCalls_DifferentOpaqueTokensWithoutColon()
    {
        var first = TurnCredentials.NewId();
        var second = TurnCredentials.NewId();

        Assert.That(first, Is.Not.EqualTo(second));
        Assert.That(first, Does.Match("^[A-Za-z0-9_-]{12}$"));
    }
}
