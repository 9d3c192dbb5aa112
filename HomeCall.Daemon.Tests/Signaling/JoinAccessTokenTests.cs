using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>
/// ROOM_SECRET in every dialect (docs/protocol.md §12): a valid token joins; expired, for another
/// room, dialect or user, tampered, signed with a rotated secret, missing or garbage is
/// `forbidden`, registers nothing and counts as a failed join.
/// </summary>
public sealed class JoinAccessTokenTests
{
    private static readonly DaemonOptions WithSecret = new() { RoomSecret = TestTokens.Secret, JoinFailuresPerMinute = 2 };

    private static IEnumerable<TestCaseData> Refusals =>
        from d in JoinAttempts.Dialects from t in JoinAttempts.RefusedTokens select new TestCaseData(d, t);

    [TestCaseSource(typeof(JoinAttempts), nameof(JoinAttempts.Dialects))]
    public void Join_ValidToken_Joined(string dialect)
    {
        using var h = new HubHarness(WithSecret);
        var d = JoinAttempts.Parse(dialect);

        var client = JoinAttempts.Attempt(h, d, JoinAttempts.Token("valid", d, h));

        Assert.That(JoinAttempts.Joined(h, d), Is.True, string.Join(" | ", client.Sent));
        Assert.That(client.Sent, Has.None.Contains("\"error\""));
    }

    [TestCaseSource(nameof(Refusals))]
    public void Join_RefusedToken_ForbiddenNothingRegistered(string dialect, string token)
    {
        using var h = new HubHarness(WithSecret);
        var d = JoinAttempts.Parse(dialect);

        var client = JoinAttempts.Attempt(h, d, JoinAttempts.Token(token, d, h));

        JoinAttempts.AssertRefused(client, d, "forbidden");
        Assert.That(h.RoomCount(), Is.Zero);
    }

    [TestCaseSource(typeof(JoinAttempts), nameof(JoinAttempts.Dialects))]
    public void Join_AfterFailureLimitOfForbiddenJoins_TooManyAttemptsEvenWithValidToken(string dialect)
    {
        using var h = new HubHarness(WithSecret);
        var d = JoinAttempts.Parse(dialect);
        JoinAttempts.Attempt(h, d, "bad");
        JoinAttempts.Attempt(h, d, null);

        var client = JoinAttempts.Attempt(h, d, JoinAttempts.Token("valid", d, h));
        var neighbour = JoinAttempts.Attempt(h, d, JoinAttempts.Token("valid", d, h), IPAddress.Parse("127.0.0.2"));

        JoinAttempts.AssertRefused(client, d, "too-many-attempts");
        Assert.That(JoinAttempts.Joined(h, d), Is.True, "another address is not blocked: " + string.Join(" | ", neighbour.Sent));
    }

    [TestCaseSource(typeof(JoinAttempts), nameof(JoinAttempts.Dialects))]
    public void Join_NoSecretNoToken_JoinedAsBefore(string dialect)
    {
        using var h = new HubHarness();
        var d = JoinAttempts.Parse(dialect);

        JoinAttempts.Attempt(h, d, null);

        Assert.That(JoinAttempts.Joined(h, d), Is.True);
    }

    [Test]
    public void Join_ForbiddenTexts_EnglishAndRussian()
    {
        using var h = new HubHarness(WithSecret);

        var room = JoinAttempts.Attempt(h, Dialect.Homecall, null);
        var signal = JoinAttempts.Attempt(h, Dialect.Session, null);

        Assert.That(room.SingleText(), Is.EqualTo("""{"type":"error","code":"forbidden","message":"Access denied: a valid invitation is required"}"""));
        Assert.That(signal.SingleText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + JoinAttempts.SessionId + "\",\"code\":\"forbidden\",\"message\":\"Доступ запрещён, нужно действительное приглашение\"}"));
    }

    [Test]
    public void Join_ForbiddenLogged_FingerprintAndReasonNeverRoomOrToken()
    {
        using var h = new HubHarness(WithSecret);
        var token = JoinAttempts.Token("wrong room", Dialect.Homecall, h)!;

        JoinAttempts.Attempt(h, Dialect.Homecall, token);

        var line = h.Logs.Lines.Single(l => l.StartsWith("Join refused", StringComparison.Ordinal));
        Assert.That(line, Is.EqualTo($"Join refused in room=\"{TestFingerprints.Of(Dialect.Homecall, "garden")}\": \"another room\""));
        var text = string.Join("\n", h.Logs.Lines);
        Assert.That(text, Does.Not.Contain(token));
        Assert.That(text, Does.Not.Contain("garden"));
        Assert.That(text, Does.Not.Contain("kitchen"));
    }
}
