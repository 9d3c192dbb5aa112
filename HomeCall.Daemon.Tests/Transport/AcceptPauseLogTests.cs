using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;
using Serilog;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class AcceptPauseLogTests
{
    // Fresh per test: NUnit keeps one fixture instance for all its tests.
    private FakeTimeProvider _time = null!;
    private CapturingSink _logs = null!;
    private AcceptPauseLog _pauses = null!;

    [SetUp]
    public void CreateLog()
    {
        _time = new FakeTimeProvider();
        _logs = new CapturingSink();
        _pauses = new AcceptPauseLog(new LoggerConfiguration().WriteTo.Sink(_logs).CreateLogger(), _time);
    }

    [Test]
    public void Paused_FirstTime_WarnsWithTheOpenCountAndResumedAnswersIt()
    {
        _pauses.Paused(7);
        _pauses.Resumed(3);

        Assert.That(_logs.Events.Select(e => (e.Level, Text: Render(e))), Is.EqualTo(new[]
        {
            (LogEventLevel.Warning, "Not accepting: 7 sockets open, all the open-file limit allows; new clients wait in the backlog (pauses not logged since the previous warning: 0)"),
            (LogEventLevel.Information, "Accepting again: 3 sockets open"),
        }));
    }

    [Test]
    public void Paused_AgainWithinAMinute_LogsNothingNorItsResume()
    {
        // At the budget every closed socket lets one more in: pause, resume, pause… (the backlog drains one at a time).
        _pauses.Paused(1);
        _pauses.Resumed(0);
        for (var i = 0; i < 50; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            _pauses.Paused(1);
            _pauses.Resumed(0);
        }

        Assert.That(_logs.Events.Count(e => Render(e).StartsWith("Not accepting", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(_logs.Events.Count(e => Render(e).StartsWith("Accepting again", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void Paused_AMinuteAfterTheLastWarning_WarnsAgainCountingTheQuietPauses()
    {
        _pauses.Paused(1);
        _pauses.Resumed(0);
        _time.Advance(TimeSpan.FromSeconds(30));
        _pauses.Paused(1);
        _pauses.Resumed(0);
        _time.Advance(TimeSpan.FromSeconds(30));
        _pauses.Paused(2);

        var warnings = _logs.Events.Where(e => e.Level == LogEventLevel.Warning).ToList();
        Assert.That(warnings, Has.Count.EqualTo(2));
        Assert.That(warnings[1].Properties["QuietPauses"].ToString(), Is.EqualTo("1"));
        Assert.That(warnings[1].Properties["Open"].ToString(), Is.EqualTo("2"));
    }

    private static string Render(LogEvent e) => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
}
