using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Every wrong JSON shape per dialect against the real dispatcher (in-process, docs/protocol.md §3–§9):
/// an error answers the sender alone with the code, text and extra field of docs/protocol.md §9, and
/// nothing is relayed; a relay reaches the other peer in the dialect's shape.
/// </summary>
public sealed class MessageCatalogueTests
{
    private static readonly Dictionary<string, string[]> RelayShapes = new()
    {
        ["mesh:offer"] = ["type", "fromUserId", "sdp"],
        ["mesh:answer"] = ["type", "fromUserId", "sdp"],
        ["mesh:ice-candidate"] = ["type", "fromUserId", "candidate"],
        ["numeric:signal"] = ["type", "senderId", "payload"],
    };

    public static IEnumerable<TestCaseData> Cases =>
        MessageCasesRoom.Fresh.Concat(MessageCasesRoom.Homecall)
            .Concat(MessageCasesOther.Mesh).Concat(MessageCasesOther.Numeric).Concat(MessageCasesOther.Session)
            .Select(c =>
            {
                var data = new TestCaseData(c).SetName($"Message_{c.Dialect}_{c.Name.Replace(' ', '_')}_{c.Outcome}");
                return c.KnownBug ? data.SetCategory("KnownBug") : data;
            });

    [TestCaseSource(nameof(Cases))]
    public void Message_CatalogueCase_SpecAnswer(MessageCase c)
    {
        using var harness = new HubHarness();
        var (subject, other, fill) = Setup(harness, c.Dialect);
        var json = fill.Aggregate(c.Json, (s, kv) => s.Replace(kv.Key, kv.Value, StringComparison.Ordinal));

        IReadOnlyList<JsonElement> replies = [];
        Assert.DoesNotThrow(() => replies = subject.Exchange(json), "an exception escaped the dispatcher");

        if (c.IsError)
        {
            AssertError(replies, c);
            Assert.That(other.Count, Is.Zero, "nothing is relayed after an error");
            return;
        }

        var (direction, type) = (c.Outcome.Split(':')[0], c.Outcome.Split(':')[1]);
        Assert.That(replies.Select(Type), Has.None.EqualTo("error"));
        var seen = direction == "relay" ? other.Messages : replies;
        Assert.That(seen.Select(Type), Does.Contain(type));
        if (direction == "relay" && RelayShapes.TryGetValue(c.Dialect + ":" + type, out var keys))
        {
            var relay = seen.Last(m => Type(m) == type);
            Assert.That(relay.EnumerateObject().Select(p => p.Name), Is.EqualTo(keys), "built afresh in the seed's shape");
        }
    }

    [Test]
    public void Message_UnknownFieldsOfEveryKind_PassedThroughByteForByte()
    {
        using var harness = new HubHarness();
        var (alice, bob, _) = Setup(harness, "homecall");

        alice.SendText("""{"type":"offer","to":"bob","sdp":"x","x":{"a":[1,null,"\u2028",1e400]},"from":"alice"}""");

        var raw = bob.Connection.Sent.Single();
        Assert.That(raw, Does.Contain("""
            "x":{"a":[1,null,"\u2028",1e400]}
            """.Trim()));
        Assert.That(raw, Does.Contain("\"from\":\"alice\""));
    }

    [TestCase("invalid-message", false, "Invalid message")]
    [TestCase("invalid-message", true, "Некорректное сообщение")]
    [TestCase("session-not-found", true, "Сигнал не найден")]
    public void ErrorTexts_SpecQuoted_Exact(string code, bool onSignal, string text)
    {
        using var harness = new HubHarness();
        var peer = onSignal ? harness.Signal() : harness.Room();
        var json = code == "invalid-message" ? "{" : """{"type":"offer","room":"11111111-2222-3333-4444-555555555555","sdp":"x"}""";

        var reply = peer.Exchange(json).Single();

        Assert.That(reply.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(reply.GetProperty("message").GetString(), Is.EqualTo(text));
    }

    private static void AssertError(IReadOnlyList<JsonElement> replies, MessageCase c)
    {
        Assert.That(replies, Has.Count.EqualTo(1), "exactly one answer: " + string.Join(" ", replies));
        var error = replies[0];
        Assert.That(Type(error), Is.EqualTo("error"));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(c.Outcome));
        var dialect = c.Dialect == "session" ? Dialect.Session : (Dialect?)null;
        Assert.That(error.GetProperty("message").GetString(), Is.EqualTo(ErrorCatalog.Text(c.Outcome, dialect, ErrorLanguage.Auto)));
        if (c.Field is not null)
        {
            var value = error.GetProperty(c.Field);
            Assert.That(c.Value == MessageCase.Null ? value.ValueKind == JsonValueKind.Null : value.GetString() == c.Value, Is.True, $"{c.Field} = {value}");
        }
    }

    private static string? Type(JsonElement message) => message.GetProperty("type").GetString();

    /// <summary>The subject and its peer in the state a dialect's cases start from; the placeholders to fill in.</summary>
    private static (HubClient Subject, HubClient Other, Dictionary<string, string> Fill) Setup(HubHarness h, string dialect)
    {
        var fill = new Dictionary<string, string> { ["{S}"] = MessageCasesOther.SessionId };
        (HubClient, HubClient) pair = dialect switch
        {
            "homecall" => (Joined(h.Room(), """{"type":"join","room":"garden","user":"alice"}"""), Joined(h.Room(), """{"type":"join","room":"garden","user":"bob"}""")),
            "mesh" => (h.Room("roomId=R&userId=a&userName=A"), h.Room("roomId=R&userId=b&userName=B")),
            "session" => (Joined(h.Signal(), """{"type":"join","room":"{S}","user":"caller"}""".Replace("{S}", fill["{S}"], StringComparison.Ordinal)),
                Joined(h.Signal(), """{"type":"join","room":"{S}","user":"callee"}""".Replace("{S}", fill["{S}"], StringComparison.Ordinal))),
            "numeric" => Numeric(h, fill),
            _ => (h.Room(), h.Room()),
        };
        pair.Item1.Clear();
        pair.Item2.Clear();
        return (pair.Item1, pair.Item2, fill);
    }

    private static (HubClient, HubClient) Numeric(HubHarness h, Dictionary<string, string> fill)
    {
        var creator = Joined(h.Room(), """{"type":"create"}""");
        fill["{ROOM}"] = creator.Last.GetProperty("roomId").GetString()!;
        fill["{ME}"] = creator.Last.GetProperty("myId").GetString()!;
        return (creator, Joined(h.Room(), $$"""{"type":"join","roomId":"{{fill["{ROOM}"]}}"}"""));
    }

    private static HubClient Joined(HubClient peer, string join)
    {
        peer.SendText(join);
        Assert.That(peer.Messages.Select(Type), Has.None.EqualTo("error"), "setup: " + join);
        return peer;
    }
}
