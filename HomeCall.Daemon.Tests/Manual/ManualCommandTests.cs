using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Manual;

namespace HomeCall.Daemon.Tests.Manual;

public sealed class ManualCommandTests
{
    [TestCase("homecall", ".TH \"HOMECALL\" \"1\"")]
    [TestCase("homecall.env", ".TH \"HOMECALL.ENV\" \"5\"")]
    public void Run_KnownPage_PrintsItsRoffSourceAndExits0(string page, string title)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = ManualCommand.Run(page, "1.2.3", stdout, stderr);

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(stdout.ToString(), Does.StartWith(title));
        Assert.That(stdout.ToString(), Does.Contain("\"homecall 1.2.3\""));
        Assert.That(stderr.ToString(), Is.Empty);
    }

    [Test]
    public void Run_UnknownPage_Exits64NamingThePages()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = ManualCommand.Run("homecall.conf", "1.2.3", stdout, stderr);

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(stdout.ToString(), Is.Empty);
        Assert.That(stderr.ToString(), Does.Contain("'homecall.conf'").And.Contain("homecall and homecall.env"));
    }
}
