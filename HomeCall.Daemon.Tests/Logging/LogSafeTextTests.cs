using HomeCall.Daemon.Logging;

namespace HomeCall.Daemon.Tests.Logging;

public sealed class LogSafeTextTests
{
    [Test]
    public void From_PrintableAscii_Unchanged() =>
        Assert.That(LogSafeText.From("https://call.example:8443"), Is.EqualTo("https://call.example:8443"));

    [Test]
    public void From_ControlAndNonAsciiCharacters_ReplacedByQuestionMarks() =>
        Assert.That(LogSafeText.From("https://a\u001b[31m\n\u0000.exämple"), Is.EqualTo("https://a?[31m??.ex?mple"));

    [Test]
    public void From_LongerThanTheLimit_CutWithMarker()
    {
        var text = LogSafeText.From("https://" + new string('a', 500));

        Assert.That(text, Has.Length.EqualTo(LogSafeText.MaxChars + 3));
        Assert.That(text, Does.StartWith("https://aaa").And.EndWith("a..."));
    }
}
