using System.Text;
using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>
/// docs/protocol.md §3.1: a relay copies the names and values it passes on byte for byte, so it
/// is never longer than its message plus the stamped sender member. A raw DEL (0x7F) is valid
/// inside a JSON string (RFC 8259 §7 requires escaping only U+0000–U+001F); re-escaped as
/// `\u007F` it would make a relay six times its message.
/// </summary>
public sealed class RelayGrowthTests
{
    private const char Del = '\u007f';

    private static readonly int MaxMessageBytes = new DaemonOptions().MaxMessageBytes;

    private static IEnumerable<RelayPath> Paths => Enum.GetValues<RelayPath>();

    [TestCaseSource(nameof(Paths))]
    public void Relay_UnknownNameOfRawDelBytesFillingMaxMessage_NoLongerThanMessagePlusStamp(RelayPath path)
    {
        var envelope = Envelope(path);
        var name = new string(Del, MaxMessageBytes - Encoding.UTF8.GetByteCount(envelope + "\":1}"));
        var message = Encoding.UTF8.GetBytes(envelope + name + "\":1}");
        Assert.That(message, Has.Length.EqualTo(MaxMessageBytes));

        var run = RelayRun.Send(path, "alice", "bob", message);

        var relay = run.Relay;
        Assert.That(run.SenderGot, Is.Empty, "no error for the sender");
        Assert.That(relay, Has.Length.AtMost(RelayBound.Of(message.Length, run.StampName, run.StampValue)));
        if (path is RelayPath.Homecall or RelayPath.Session or RelayPath.SessionQueued)
        {
            Assert.That(Encoding.UTF8.GetString(relay), Does.EndWith(",\"" + name + "\":1}"), "the unknown field passed on as sent");
            Assert.That(JsonDocument.Parse(relay).RootElement.GetProperty(name).GetInt32(), Is.EqualTo(1));
        }
    }

    /// <summary>A relay of the path's dialect up to the opening quote of a last, unknown field's name.</summary>
    private static string Envelope(RelayPath path) => path switch
    {
        RelayPath.Homecall => "{\"type\":\"offer\",\"to\":\"bob\",\"sdp\":\"v=0\",\"",
        RelayPath.Mesh => "{\"type\":\"offer\",\"targetUserId\":\"bob\",\"sdp\":\"v=0\",\"",
        RelayPath.Numeric => "{\"type\":\"signal\",\"payload\":\"v=0\",\"",
        _ => "{\"type\":\"offer\",\"room\":\"" + RelayRun.SessionId + "\",\"sdp\":\"v=0\",\"",
    };
}
