namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>A tool the tests need and do not find fails them (a skip would read as green while testing nothing).</summary>
public sealed class SystemToolsTests
{
    [Test]
    public void Require_MissingTool_FailsNamingThePackage()
    {
        var failure = Assert.Throws<AssertionException>(() => SystemTools.Require("homecall-no-such-tool", "homecall-no-such-package"));

        Assert.That(failure!.Message, Does.Contain("homecall-no-such-tool").And.Contain("apt-get install homecall-no-such-package"));
    }

    [Test]
    public void Require_PresentTool_ItsPath()
    {
        Assert.That(SystemTools.Require("sh", "dash"), Does.EndWith("/sh"));
    }
}
