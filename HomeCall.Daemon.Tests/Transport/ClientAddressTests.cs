using System.Net;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class ClientAddressTests
{
    private static readonly IReadOnlyList<IPAddress> Trusted = [IPAddress.Parse("127.0.0.1"), IPAddress.Parse("::1")];

    private static IPAddress Resolve(string peer, params string[] forwardedFor)
    {
        var request = UpgradeRequestBuilder.Upgrade();
        foreach (var value in forwardedFor)
        {
            request.With("X-Forwarded-For", value);
        }

        return ClientAddress.Resolve(IPAddress.Parse(peer), request.Build(), Trusted);
    }

    [Test]
    public void Resolve_TrustedProxyWithChain_ReturnsRightMostEntry()
    {
        // Apache appends the address it saw; what the client wrote comes before it.
        Assert.That(Resolve("127.0.0.1", "6.6.6.6, 192.0.2.9"), Is.EqualTo(IPAddress.Parse("192.0.2.9")));
    }

    [Test]
    public void Resolve_TrustedProxyWithSeveralHeaders_ReturnsRightMostOfLastHeader()
    {
        Assert.That(Resolve("::1", "6.6.6.6", "192.0.2.9"), Is.EqualTo(IPAddress.Parse("192.0.2.9")));
    }

    [Test]
    public void Resolve_UntrustedPeerWithForwardedFor_ReturnsPeer()
    {
        Assert.That(Resolve("198.51.100.3", "192.0.2.9"), Is.EqualTo(IPAddress.Parse("198.51.100.3")));
    }

    [Test]
    public void Resolve_TrustedProxyWithoutHeader_ReturnsProxy()
    {
        Assert.That(Resolve("127.0.0.1"), Is.EqualTo(IPAddress.Loopback));
    }

    [Test]
    public void Resolve_TrustedProxyWithGarbageEntry_ReturnsProxy()
    {
        Assert.That(Resolve("127.0.0.1", "192.0.2.9, unknown"), Is.EqualTo(IPAddress.Loopback));
    }

    [Test]
    public void Resolve_BracketedIpv6Entry_ReturnsAddress()
    {
        Assert.That(Resolve("127.0.0.1", "[2001:db8::5]"), Is.EqualTo(IPAddress.Parse("2001:db8::5")));
    }

    [Test]
    public void Resolve_MappedTrustedPeerAndMappedEntry_ReturnsPlainIpv4()
    {
        Assert.That(Resolve("::ffff:127.0.0.1", "::ffff:192.0.2.9"), Is.EqualTo(IPAddress.Parse("192.0.2.9")));
    }

    [Test]
    public void Resolve_MappedUntrustedPeer_ReturnsPlainIpv4()
    {
        Assert.That(Resolve("::ffff:198.51.100.3", "192.0.2.9"), Is.EqualTo(IPAddress.Parse("198.51.100.3")));
    }

    [Test]
    public void IsTrusted_AddressNotInList_ReturnsFalse()
    {
        Assert.That(ClientAddress.IsTrusted(IPAddress.Parse("127.0.0.2"), Trusted), Is.False);
    }
}
