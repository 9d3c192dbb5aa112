using System.Text;
using HomeCall.Bench.Dialects;

namespace HomeCall.Bench.Tests.Dialects;

public sealed class MessageScanTests
{
    [TestCase("{\"type\":\"room_joined\",\"roomId\":\"1234\"}", "room_joined")]
    [TestCase("{\"type\":\"error\",\"code\":\"room-full\"}", "error")]
    [TestCase("{\"roomId\":\"1234\"}", "")]
    public void TypeOf_Message_FirstTypeValue(string json, string expected) =>
        Assert.That(MessageScan.TypeOf(Encoding.UTF8.GetBytes(json)), Is.EqualTo(expected));

    [TestCase("{\"type\":\"online\",\"users\":[\"u0\"]}")]
    [TestCase("{\"seq\":\"12\",\"ts\":\"1\"}")]
    [TestCase("{\"seq\":\"00000000000x\",\"ts\":\"0000000000000000001\"}")]
    public void TryReadStamp_NotAStampedRelay_False(string json) =>
        Assert.That(MessageScan.TryReadStamp(Encoding.UTF8.GetBytes(json), out _, out _), Is.False);

    [Test]
    public void IsError_ErrorMessage_True() =>
        Assert.That(MessageScan.IsError("{\"type\":\"error\",\"message\":\"Room not found\"}"u8), Is.True);
}
