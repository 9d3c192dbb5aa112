using System.Net;
using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// One join in each dialect, the same way for every access test (docs/protocol.md §12.1):
/// homecall `join` of "garden" as alice, mesh connect to "garden" as alice, numeric `create`
/// (a token for any room), `/signal` join of <see cref="SessionId"/> as alice; and tokens
/// for it that are right or wrong in one way each.
/// </summary>
internal static class JoinAttempts
{
    public const string SessionId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    public static readonly string[] Dialects = ["homecall", "mesh", "numeric", "session"];

    /// <summary>Ways a token can fail; "valid" admits.</summary>
    public static readonly string[] RefusedTokens = ["expired", "wrong room", "wrong dialect", "other user", "tampered", "rotated secret", "missing", "garbage"];

    public static Dialect Parse(string dialect) => DialectNames.TryParse(dialect, out var d) ? d : throw new ArgumentException(dialect);

    public static string Room(Dialect d) => d switch { Dialect.Session => SessionId, Dialect.Numeric => "*", _ => "garden" };

    public static string? User(Dialect d) => d == Dialect.Numeric ? null : "alice";

    /// <summary>A token for this dialect's attempt; "expired" moves the harness's clock past its expiry.</summary>
    public static string? Token(string kind, Dialect d, HubHarness h)
    {
        var valid = TestTokens.Sign(d, Room(d), User(d));
        switch (kind)
        {
            case "valid": return valid;
            case "expired":
                var token = TestTokens.Sign(d, Room(d), User(d), expires: h.Time.GetUtcNow().AddMinutes(1));
                h.Advance(TimeSpan.FromMinutes(1));
                return token;
            case "wrong room": return TestTokens.Sign(d, d switch { Dialect.Session => "6f9619ff-8b86-d011-b42d-00c04fc964ff", Dialect.Numeric => "1234", _ => "kitchen" }, User(d));
            case "wrong dialect": return TestTokens.Sign(d == Dialect.Homecall ? Dialect.Mesh : Dialect.Homecall, Room(d), User(d));
            case "other user": return TestTokens.Sign(d, Room(d), "bob");
            case "tampered": return TestTokens.Tampered(valid);
            case "rotated secret": return TestTokens.Sign(d, Room(d), User(d), secret: TestTokens.OtherSecret);
            case "missing": return null;
            default: return "not-a-token";
        }
    }

    /// <summary>Opens a connection and makes the dialect's join with <paramref name="token"/> (mesh: in the URL).</summary>
    public static HubClient Attempt(HubHarness h, Dialect d, string? token, IPAddress? ip = null)
    {
        if (d == Dialect.Mesh)
        {
            return h.Room("roomId=garden&userId=alice&userName=Alice" + (token is null ? "" : "&token=" + Uri.EscapeDataString(token)), ip);
        }

        var client = d == Dialect.Session ? h.Signal(ip) : h.Room("", ip);
        var json = d switch
        {
            Dialect.Homecall => $$"""{"type":"join","room":"garden","user":"alice"{{Field(token)}}}""",
            Dialect.Numeric => $$"""{"type":"create"{{Field(token)}}}""",
            _ => $$"""{"type":"join","room":"{{SessionId}}","user":"alice"{{Field(token)}}}""",
        };
        client.SendText(json);
        return client;
    }

    /// <summary>True when the attempt's room exists with alice in it (numeric: the created room).</summary>
    public static bool Joined(HubHarness h, Dialect d) => d == Dialect.Numeric
        ? h.RoomCount(Dialect.Numeric) == 1
        : h.MembersOf(d, d == Dialect.Session ? SessionId : "garden") is ["alice"];

    /// <summary>The refusal as the dialect sends it: `room` on /signal, close 1008 on mesh.</summary>
    public static void AssertRefused(HubClient client, Dialect d, string code)
    {
        var error = client.Last;
        Assert.That((JsonShape.Type(error), JsonShape.Str(error, "code")), Is.EqualTo(("error", code)));
        if (d == Dialect.Session)
        {
            Assert.That(JsonShape.Str(error, "room"), Is.EqualTo(SessionId));
        }

        Assert.That(client.ClosedWith, Is.EqualTo(d == Dialect.Mesh ? 1008 : null));
    }

    private static string Field(string? token) => token is null ? "" : $",\"token\":\"{token}\"";
}
