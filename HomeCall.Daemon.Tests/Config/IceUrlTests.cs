using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

public sealed class IceUrlTests
{
    [TestCase("stun:stun.example.org", "stun", "stun.example.org", null, null)]
    [TestCase("stun:192.0.2.1:3478", "stun", "192.0.2.1", 3478, null)]
    [TestCase("stuns:[2001:db8::1]:5349", "stuns", "[2001:db8::1]", 5349, null)]
    [TestCase("turn:turn.example.org:3478?transport=udp", "turn", "turn.example.org", 3478, "udp")]
    [TestCase("TURNS:Turn.Example.org?transport=TCP", "turns", "Turn.Example.org", null, "tcp")]
    [TestCase("turn:127.0.0.1", "turn", "127.0.0.1", null, null)]
    public void Parse_Rfc7064Or7065Url_ReadsItsParts(string text, string scheme, string host, int? port, string? transport)
    {
        var url = IceUrl.Parse(text, out var problem);

        Assert.That(problem, Is.Empty);
        Assert.That(url, Is.EqualTo(new IceUrl(scheme, host, port, transport)));
    }

    [TestCase("http://turn.example.org", "scheme")]
    [TestCase("turn.example.org:3478", "scheme")]
    [TestCase("stun:", "host is missing")]
    [TestCase("turn::3478", "host is missing")]
    [TestCase("stun:host:0", "port must be 1-65535")]
    [TestCase("stun:host:65536", "port must be 1-65535")]
    [TestCase("stun:host:34x", "port must be 1-65535")]
    [TestCase("stun:host?transport=udp", "STUN URL has no query")]
    [TestCase("turn:host?transport=sctp", "transport must be udp or tcp")]
    [TestCase("turn:host?foo=bar", "only query")]
    [TestCase("turn://host:3478", "host must be")]
    [TestCase("turn:user@host", "host must be")]
    [TestCase("turn:host/path", "host must be")]
    [TestCase("turn:[zz::1]", "host must be")]
    [TestCase("turn:300.1.1.1", "host must be")]
    [TestCase("turn:-bad-.example", "host must be")]
    public void Parse_NotAnIceUrl_NullWithTheReason(string text, string reason)
    {
        var url = IceUrl.Parse(text, out var problem);

        Assert.That(url, Is.Null);
        Assert.That(problem, Does.Contain(reason));
    }
}
