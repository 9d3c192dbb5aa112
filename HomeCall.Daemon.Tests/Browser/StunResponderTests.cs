using System.Net;
using System.Net.Sockets;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>The test STUN server the self-test page is checked against answers like a real one.</summary>
public sealed class StunResponderTests
{
    private static readonly byte[] TransactionId = Convert.FromHexString("b7e7a701bc34d686fa87dfae");

    [Test]
    public void Answer_BindingRequest_XorMappedAddressAsInRfc5769()
    {
        byte[] request = [0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, .. TransactionId];

        var response = StunResponder.Answer(request, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853));

        // RFC 5769 §2.2: XOR-MAPPED-ADDRESS of 192.0.2.1:32853 is 0001 a147 e112a643.
        Assert.That(Convert.ToHexString(response!).ToLowerInvariant(), Is.EqualTo("0101000c2112a442b7e7a701bc34d686fa87dfae" + "0020000800" + "01a147e112a643"));
    }

    [Test]
    public void Answer_NotABindingRequest_Null()
    {
        byte[] indication = [0x00, 0x11, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, .. TransactionId];

        Assert.That(StunResponder.Answer(indication, new IPEndPoint(IPAddress.Loopback, 1)), Is.Null);
    }

    [Test]
    public async Task ReleaseAsync_RequestHeld_AnswersItOnlyThen()
    {
        await using var stun = new StunResponder(IPAddress.Parse("198.51.100.77"), hold: true);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        byte[] request = [0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, .. TransactionId];

        await client.SendAsync(request, new IPEndPoint(IPAddress.Loopback, stun.Port));
        await Poll.UntilAsync(() => stun.Held == 1, "the request to be held");
        Assert.That(stun.Answered, Is.Zero);

        Assert.That(await stun.ReleaseAsync(), Is.EqualTo(1));
        var response = await client.ReceiveAsync().WaitAsync(Poll.DefaultTimeout);

        Assert.That(response.Buffer.AsSpan(8, 12).ToArray(), Is.EqualTo(TransactionId));
        Assert.That(stun.Answered, Is.EqualTo(1));
        Assert.That(stun.Held, Is.Zero);
    }
}
