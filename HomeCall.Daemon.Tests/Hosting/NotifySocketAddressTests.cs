using HomeCall.Daemon.Hosting;

namespace HomeCall.Daemon.Tests.Hosting;

public sealed class NotifySocketAddressTests
{
    [Test]
    public void Parse_AbsolutePath_PathEndpoint()
    {
        var endpoint = NotifySocketAddress.Parse("/run/systemd/notify");

        Assert.That(endpoint?.ToString(), Is.EqualTo("/run/systemd/notify"));
    }

    [Test]
    public void Parse_AtName_AbstractEndpointWithLeadingNul()
    {
        var endpoint = NotifySocketAddress.Parse("@/org/freedesktop/systemd1/notify/42");

        Assert.That(endpoint, Is.Not.Null);
        Assert.That(endpoint!.ToString(), Is.EqualTo("@/org/freedesktop/systemd1/notify/42"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("@")]
    [TestCase("relative/notify")]
    [TestCase("vsock:2:1234")]
    public void Parse_NotAUnixSocketName_Null(string? value)
    {
        Assert.That(NotifySocketAddress.Parse(value), Is.Null);
    }

    [Test]
    public void Parse_PathLongerThanSockaddrUn_Null()
    {
        Assert.That(NotifySocketAddress.Parse("/" + new string('a', 200)), Is.Null);
    }
}
