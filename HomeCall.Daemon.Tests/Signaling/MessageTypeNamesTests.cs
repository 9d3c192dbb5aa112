using System.Text;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>Every message type has one wire name (docs/protocol.md §3.1), written, counted and parsed alike.</summary>
public sealed class MessageTypeNamesTests
{
    private static IEnumerable<MessageType> Named => Enum.GetValues<MessageType>().Where(t => t != MessageType.Unknown);

    [Test]
    public void Of_EveryType_HasDistinctName()
    {
        var names = Named.Select(MessageTypeNames.Of).ToList();

        Assert.That(names, Is.Unique);
        Assert.That(names, Has.None.EqualTo("unknown"));
    }

    [Test]
    public void Utf8_EveryType_MatchesOf()
    {
        Assert.Multiple(() =>
        {
            foreach (var type in Enum.GetValues<MessageType>())
            {
                Assert.That(Encoding.UTF8.GetString(MessageTypeNames.Utf8(type)), Is.EqualTo(MessageTypeNames.Of(type)), type.ToString());
            }
        });
    }

    [Test]
    public void TryParse_EveryTypeName_RecognisesType()
    {
        Assert.Multiple(() =>
        {
            foreach (var type in Named)
            {
                var json = Encoding.UTF8.GetBytes($$"""{"type":"{{MessageTypeNames.Of(type)}}"}""");
                Assert.That(MessageParser.TryParse(json, out var parsed, out _), Is.True, type.ToString());
                Assert.That(parsed, Is.EqualTo(type));
            }
        });
    }

    [Test]
    public void Of_UndefinedValue_Throws()
    {
        var undefined = (MessageType)Enum.GetValues<MessageType>().Length;

        Assert.That(() => MessageTypeNames.Of(undefined), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => MessageTypeNames.Utf8(undefined).Length, Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
