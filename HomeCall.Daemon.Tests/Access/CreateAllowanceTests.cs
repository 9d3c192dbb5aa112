using HomeCall.Daemon.Access;
using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Tests.Access;

/// <summary>The create count of a token (docs/protocol.md §12.3): N rooms per token, counted until it expires.</summary>
public sealed class CreateAllowanceTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static AccessGrant Grant(int? limit, string text = "t1") =>
        new(new RoomToken(Dialect.Homecall, "*", Expiry, null, limit), text, null);

    [Test]
    public void TryTake_CountOfTwo_TwiceThenRefused()
    {
        var creates = new CreateAllowance();

        Assert.That(new[] { creates.TryTake(Grant(2)), creates.TryTake(Grant(2)), creates.TryTake(Grant(2)) }, Is.EqualTo(new[] { true, true, false }));
        Assert.That(creates.TryTake(Grant(2, "another token")), Is.True);
    }

    [Test]
    public void TryTake_JoinOnlyToken_Refused() =>
        Assert.That(new CreateAllowance().TryTake(Grant(0)), Is.False);

    [Test]
    public void TryTake_NoLimitOrNoToken_AlwaysTrueNothingTracked()
    {
        var creates = new CreateAllowance();

        for (var i = 0; i < 100; i++)
        {
            Assert.That(creates.TryTake(Grant(null)) && creates.TryTake(AccessGrant.Open), Is.True);
        }

        Assert.That(creates.Tracked, Is.Zero);
    }

    [Test]
    public void Sweep_AtExpiry_CountForgotten()
    {
        var creates = new CreateAllowance();
        creates.TryTake(Grant(1));

        creates.Sweep(Expiry.AddTicks(-1));
        Assert.That(creates.Tracked, Is.EqualTo(1));
        creates.Sweep(Expiry);

        Assert.That(creates.Tracked, Is.Zero);
    }
}
