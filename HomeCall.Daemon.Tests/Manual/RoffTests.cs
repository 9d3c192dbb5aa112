using HomeCall.Daemon.Manual;

namespace HomeCall.Daemon.Tests.Manual;

public sealed class RoffTests
{
    [Test]
    public void Escape_BackslashDashAndNonAscii_RoffEscapes() =>
        Assert.That(Roff.Escape("a\\b-c × d"), Is.EqualTo(@"a\eb\-c \[u00D7] d"));

    [Test]
    public void Text_Backticks_LiteralTextInBold() =>
        Assert.That(Roff.Text("set `WS_PORT` to `0`"), Is.EqualTo(@"set \fBWS_PORT\fR to \fB0\fR"));

    [Test]
    public void Text_MarkdownLink_KeepsItsText() =>
        Assert.That(Roff.Text("needs a secret ([docs/turn.md](docs/turn.md))"), Is.EqualTo(@"needs a secret (docs/turn.md)"));

    [TestCase(".hidden request")]
    [TestCase("'also a request")]
    public void Text_StartsLikeARequest_GuardedAsText(string text) =>
        Assert.That(Roff.Text(text), Does.StartWith(@"\&"));

    [Test]
    public void Usage_Line_WordsBoldPlaceholdersItalicGroupsUnbroken() =>
        Assert.That(
            Roff.Usage("homecall man PAGE [--key-file PATH] | --help"),
            Is.EqualTo(@"\fBhomecall\fR \fBman\fR \fIPAGE\fR [\fB\-\-key\-file\fR\ \fIPATH\fR] | \fB\-\-help\fR"));
}
