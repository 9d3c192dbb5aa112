using System.Text;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>docs/protocol.md §5.1, §8.1: relays keep unknown fields unchanged; the server stamps type, from and (on /signal) room.</summary>
public sealed class MessageWriterTests
{
    private static string PassThrough(string json, string? room, string from)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.That(MessageParser.TryParse(bytes, out var type, out var fields), Is.True);
        return Encoding.UTF8.GetString(Leases.TakeBytes(MessageWriter.PassThrough(new InboundMessage(bytes, type, fields), room, from, MessagePool.Shared)));
    }

    [Test]
    public void PassThrough_NoRoom_StampsFromAndKeepsEverythingElseInOrder()
    {
        var json = PassThrough("{\"z\":1,\"type\":\"offer\",\"from\":\"eve\",\"to\":\"bob\",\"sdp\":{\"a\":[true,null,1e3]},\"room\":\"x\"}", null, "alice");

        Assert.That(json, Is.EqualTo("{\"type\":\"offer\",\"from\":\"alice\",\"z\":1,\"to\":\"bob\",\"sdp\":{\"a\":[true,null,1e3]},\"room\":\"x\"}"));
    }

    [Test]
    public void PassThrough_Room_StampsRoomAndDropsTheClientsOwn()
    {
        var json = PassThrough("{\"type\":\"candidate\",\"room\":\"ABC\",\"candidate\":null}", "abc", "caller");

        Assert.That(json, Is.EqualTo("{\"type\":\"candidate\",\"room\":\"abc\",\"from\":\"caller\",\"candidate\":null}"));
    }

    [Test]
    public void PassThrough_EscapedStampedNames_AlsoReplaced()
    {
        var json = PassThrough("{\"typ\\u0065\":\"answer\",\"fr\\u006fm\":\"eve\",\"to\":\"b\",\"sdp\":\"s\"}", null, "alice");

        Assert.That(json, Is.EqualTo("{\"type\":\"answer\",\"from\":\"alice\",\"to\":\"b\",\"sdp\":\"s\"}"));
    }

    [Test]
    public void PassThrough_UnicodeValues_CopiedByteForByte()
    {
        var json = PassThrough("{\"type\":\"offer\",\"to\":\"b\",\"sdp\":\"\\u00e9 é \\ud83d\\ude00 😀\",\"note\":\"\\\"q\\\"\"}", null, "Алиса");

        Assert.That(json, Is.EqualTo("{\"type\":\"offer\",\"from\":\"Алиса\",\"to\":\"b\",\"sdp\":\"\\u00e9 é \\ud83d\\ude00 😀\",\"note\":\"\\\"q\\\"\"}"));
    }

    [Test]
    public void PassThrough_LongEscapedName_CopiedAsSent()
    {
        var name = new string('n', 300);
        var json = PassThrough("{\"type\":\"offer\",\"" + name + "\\u0041\":1,\"to\":\"b\"}", null, "a");

        Assert.That(json, Is.EqualTo("{\"type\":\"offer\",\"from\":\"a\",\"" + name + "\\u0041\":1,\"to\":\"b\"}"));
    }

    [Test]
    public void PassThrough_NamesOfDelC1AndLineSeparator_CopiedAsSentNotReEscaped()
    {
        var json = PassThrough("{\"type\":\"offer\",\"\u007f\u0085\u2028\":\"\u007f\",\"\\u0001\\\"\":2,\"to\":\"b\"}", null, "a");

        Assert.That(json, Is.EqualTo("{\"type\":\"offer\",\"from\":\"a\",\"\u007f\u0085\u2028\":\"\u007f\",\"\\u0001\\\"\":2,\"to\":\"b\"}"));
    }

    [Test]
    public void PassThrough_EscapedNames_AllocatesNothing()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"typ\\u0065\":\"offer\",\"\\u0074o\":\"b\",\"sdp\":\"v=0\\r\\n\",\"n\\u00f6te\":[1,{\"a\":null}]}");
        Assert.That(MessageParser.TryParse(bytes, out var type, out var fields), Is.True);
        var message = new InboundMessage(bytes, type, fields);
        MessageWriter.PassThrough(message, "r", "alice", MessagePool.Shared).Release();

        // The fewest bytes any of several calls allocated: a one-off runtime allocation on this
        // thread (tiering, a pool's first use) must not count, a per-call one always shows.
        var allocated = long.MaxValue;
        for (var i = 0; i < 10; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            MessageWriter.PassThrough(message, "r", "alice", MessagePool.Shared).Release();
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        // The relay's buffer and its holder come from pools: nothing per message (bench/profile.md: gen-0 collections).
        Assert.That(allocated, Is.Zero);
    }
}
