using HomeCall.Daemon.Access;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>Exactly one handler per dialect, checked at start-up: a dialect nobody handles fails loudly, never silently.</summary>
public sealed class DialectHandlersTests
{
    private static readonly Dialect[] Dialects = Enum.GetValues<Dialect>();

    private static IDialectHandler[] Fakes(IEnumerable<Dialect> dialects) => dialects.Select(d => (IDialectHandler)new FakeDialectHandler(d)).ToArray();

    [Test]
    public void Create_EveryDialect_ExactlyOneHandlerInDeclarationOrder()
    {
        var options = new DaemonOptions();
        var metrics = new DaemonMetrics();
        var registry = new RoomRegistry();
        var time = new FakeTimeProvider();
        var replies = new Replies(options.ErrorLanguage, metrics);
        var ctx = new SignalingContext(registry, options, time, metrics, replies, TestFingerprints.Fingerprinter)
        {
            Ice = new IceServerDelivery(new IceServers(IceServerSettings.From(options)), registry, time, metrics),
            Access = new JoinAccess(new RoomAccessGate(new AccessPolicy(RoomSecret.FromOptions(options), null)), registry, new JoinFailureLimiter(options.JoinFailuresPerMinute), replies, TestFingerprints.Fingerprinter, time),
        };

        var handlers = DialectHandlers.Create(ctx);

        Assert.That(handlers.All.Select(h => h.Dialect), Is.EqualTo(Dialects));
    }

    [Test]
    public void Constructor_OneHandlerPerDialect_Accepted()
    {
        Assert.That(new DialectHandlers(Fakes(Dialects)).All, Has.Count.EqualTo(Dialects.Length));
    }

    [Test]
    public void Constructor_DialectWithoutHandler_ThrowsNamingIt()
    {
        var handlers = Fakes(Dialects.Where(d => d != Dialect.Numeric));

        Assert.That(() => new DialectHandlers(handlers), Throws.ArgumentException.With.Message.Contains("dialect numeric has 0 handlers"));
    }

    [Test]
    public void Constructor_TwoHandlersForOneDialect_ThrowsNamingIt()
    {
        var handlers = Fakes(Dialects.Append(Dialect.Mesh));

        Assert.That(() => new DialectHandlers(handlers), Throws.ArgumentException.With.Message.Contains("dialect mesh has 2 handlers"));
    }

    [Test]
    public void Constructor_HandlerOfUndefinedDialect_Throws()
    {
        var handlers = Fakes(Dialects.Append((Dialect)Dialects.Length));

        Assert.That(() => new DialectHandlers(handlers), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
