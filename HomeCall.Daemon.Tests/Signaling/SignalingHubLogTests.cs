using System.Globalization;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>docs/security.md §3, docs/protocol.md §11.6: room ids, SDP, candidates and display names never appear in logs; rooms show as fingerprints.</summary>
public sealed class SignalingHubLogTests
{
    private const string Secret = "kraken";
    private const string Session = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

    /// <summary>Renders as the daemon's sinks do ({Message:lj}: strings unquoted), plus every property value.</summary>
    private static string Render(LogEvent e)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new MessageTemplateTextFormatter("{Message:lj}", CultureInfo.InvariantCulture).Format(e, writer);
        return writer + " " + string.Join(" ", e.Properties.Values);
    }

    private static void RunEveryDialect(HubHarness hub)
    {
        var a = hub.Homecall("code-" + Secret, "alice");
        hub.Homecall("code-" + Secret, "bob");
        a.Send(new { type = "offer", to = "bob", sdp = "sdp-" + Secret });
        a.Send(new { type = "candidate", to = "nobody", candidate = "cand-" + Secret });
        a.Send(new { type = "leave" });
        var m = hub.Mesh("mesh-" + Secret, "u1", "Name " + Secret);
        hub.Mesh("mesh-" + Secret, "u1", "Name " + Secret);
        m.Disconnect();
        var n = hub.NumericCreator(out _);
        n.Send(new { type = "signal", payload = "payload-" + Secret });
        hub.Room().Send(new { type = "join", roomId = "9" + Secret });
        var s = hub.Session(Session, "caller");
        s.Send(new { type = "offer", room = Session, sdp = "sdp-" + Secret });
        s.Send(new { type = "leave", room = Session });
        hub.Advance(hub.Options.RoomTimeout);
    }

    [Test]
    public void Logs_EveryDialect_NoSecretsAndRoomsAsFingerprints()
    {
        using var hub = new HubHarness();

        RunEveryDialect(hub);

        var lines = hub.Logs.Events.Select(Render).ToArray();
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines, Has.None.Contains(Secret));
        Assert.That(lines, Has.None.Contains(Session));
        Assert.That(lines, Has.Some.Contains("room=" + TestFingerprints.Of(Dialect.Homecall, "code-" + Secret)));
        Assert.That(lines, Has.Some.Contains("room=" + TestFingerprints.Of(Dialect.Session, Session)));
    }

    [Test]
    public void Logs_TemplatesWithNamedProperties_NoInterpolation()
    {
        using var hub = new HubHarness();

        RunEveryDialect(hub);

        var templates = hub.Logs.Events.Select(e => e.MessageTemplate.Text).Distinct().ToArray();
        Assert.That(templates, Has.All.Not.Contains("c1 "));
        Assert.That(templates.Length, Is.LessThan(30), "a handful of fixed templates, not one per message");
    }
}
