using HomeCall.Bench.Net;

namespace HomeCall.Bench.Tests.Net;

public sealed class UpgradeRequestTests
{
    [Test]
    public void For_RoomUrl_HeadABrowserSends()
    {
        var head = UpgradeRequest.For(new Uri("ws://127.0.0.1:8080/ws/"), "dGhlIHNhbXBsZSBub25jZQ==");

        Assert.Multiple(() =>
        {
            Assert.That(head, Does.StartWith("GET /ws/ HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"));
            Assert.That(head, Does.Contain("\r\nOrigin: http://127.0.0.1:8080\r\n"));
            Assert.That(head, Does.Contain("\r\nUser-Agent: Mozilla/5.0 "));
            Assert.That(head, Does.Contain("\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"));
            Assert.That(head, Does.Contain("\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"));
            Assert.That(head, Does.EndWith("\r\n\r\n"));
            Assert.That(head.Split("\r\n").Length, Is.EqualTo(15), "request line, 12 headers, the empty line and what follows it");
        });
    }

    [Test]
    public void For_SecureUrl_HttpsOrigin() =>
        Assert.That(UpgradeRequest.For(new Uri("wss://call.example.org/ws/"), "k"), Does.Contain("\r\nOrigin: https://call.example.org\r\n"));
}
