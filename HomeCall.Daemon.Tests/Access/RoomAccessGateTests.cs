using System.Text;
using HomeCall.Daemon.Access;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Access;

/// <summary>What a token admits (docs/protocol.md §12.3): expiry on the injected clock, dialect, room (exact, prefix, any), user, create.</summary>
public sealed class RoomAccessGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly RoomToken Garden = new(Dialect.Homecall, "garden", Now.AddHours(1), null, null);

    private static AccessRequest Join(string room, string? user = "alice", Dialect dialect = Dialect.Homecall) => new(dialect, room, user, null);

    [Test]
    public void Check_MatchingToken_None() =>
        Assert.That(RoomAccessGate.Check(Garden, Join("garden"), Now), Is.EqualTo(TokenProblem.None));

    [Test]
    public void Check_AtTheExpiryInstant_Expired()
    {
        Assert.That(RoomAccessGate.Check(Garden, Join("garden"), Now.AddHours(1).AddTicks(-1)), Is.EqualTo(TokenProblem.None));
        Assert.That(RoomAccessGate.Check(Garden, Join("garden"), Now.AddHours(1)), Is.EqualTo(TokenProblem.Expired));
    }

    [Test]
    public void Check_OtherDialectSameRoom_WrongDialect() =>
        Assert.That(RoomAccessGate.Check(Garden, Join("garden", dialect: Dialect.Mesh), Now), Is.EqualTo(TokenProblem.WrongDialect));

    [TestCase("Garden")]
    [TestCase("garden2")]
    [TestCase("gard")]
    public void Check_OtherRoom_WrongRoom(string room) =>
        Assert.That(RoomAccessGate.Check(Garden, Join(room), Now), Is.EqualTo(TokenProblem.WrongRoom));

    [TestCase("selftest-*", "selftest-1", true)]
    [TestCase("selftest-*", "selftest-", true)]
    [TestCase("selftest-*", "garden", false)]
    [TestCase("*", "anything", true)]
    public void Check_WildcardRoom_PrefixCovered(string tokenRoom, string room, bool covered) =>
        Assert.That(RoomAccessGate.Check(Garden with { Room = tokenRoom }, Join(room), Now), Is.EqualTo(covered ? TokenProblem.None : TokenProblem.WrongRoom));

    [Test]
    public void Check_BoundToAnotherUser_WrongUser()
    {
        var bound = Garden with { User = "bob" };

        Assert.That(RoomAccessGate.Check(bound, Join("garden", "alice"), Now), Is.EqualTo(TokenProblem.WrongUser));
        Assert.That(RoomAccessGate.Check(bound, Join("garden", "bob"), Now), Is.EqualTo(TokenProblem.None));
    }

    [Test]
    public void Check_NumericCreate_OnlyAnyRoomTokenThatMayCreate()
    {
        var create = new AccessRequest(Dialect.Numeric, null, null, null);
        var any = new RoomToken(Dialect.Numeric, "*", Now.AddHours(1), null, null);

        Assert.That(RoomAccessGate.Check(any, create, Now), Is.EqualTo(TokenProblem.None));
        Assert.That(RoomAccessGate.Check(any with { Room = "1234" }, create, Now), Is.EqualTo(TokenProblem.WrongRoom));
        Assert.That(RoomAccessGate.Check(any with { CreateLimit = 0 }, create, Now), Is.EqualTo(TokenProblem.CreateNotAllowed));
        Assert.That(RoomAccessGate.Check(any with { User = "bob" }, create, Now), Is.EqualTo(TokenProblem.WrongUser));
    }

    [Test]
    public void Verify_ClockPastExpiry_Expired()
    {
        var policy = new AccessPolicy(Secret(TestTokens.Secret), null);
        var token = TestTokens.Sign(Dialect.Homecall, "garden", expires: Now.AddMinutes(1));

        Assert.That(policy.Verify(Join("garden") with { Token = token }, Now, out _), Is.EqualTo(TokenProblem.None));
        Assert.That(policy.Verify(Join("garden") with { Token = token }, Now.AddMinutes(1), out var expired), Is.EqualTo(TokenProblem.Expired));
        Assert.That(expired, Is.Null);
    }

    [Test]
    public void Replace_RotatedSecret_OldTokensBadSignatureNewOnesAdmitted()
    {
        var gate = new RoomAccessGate(new AccessPolicy(Secret(TestTokens.Secret), null));
        var old = Join("garden") with { Token = TestTokens.Sign(Dialect.Homecall, "garden") };
        var rotated = Join("garden") with { Token = TestTokens.Sign(Dialect.Homecall, "garden", secret: TestTokens.OtherSecret) };

        gate.Replace(new AccessPolicy(Secret(TestTokens.OtherSecret), null));

        Assert.That(gate.Current.Verify(old, Now, out _), Is.EqualTo(TokenProblem.BadSignature));
        Assert.That(gate.Current.Verify(rotated, Now, out _), Is.EqualTo(TokenProblem.None));
    }

    [Test]
    public void Verify_NoTokenOrNoSecret_Missing()
    {
        var on = new AccessPolicy(Secret(TestTokens.Secret), null);
        var off = new AccessPolicy(new RoomSecret(null), null);

        Assert.That(on.Verify(Join("garden"), Now, out _), Is.EqualTo(TokenProblem.Missing));
        Assert.That(off.Verify(Join("garden") with { Token = TestTokens.Sign(Dialect.Homecall, "garden") }, Now, out _), Is.EqualTo(TokenProblem.Missing));
        Assert.That(off.IsOn, Is.False);
    }

    private static RoomSecret Secret(string text) => new(Encoding.UTF8.GetBytes(text));
}
