using System.Runtime.Versioning;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>The self-test page with ROOM_SECRET set (docs/protocol.md §12): opened with the link `homecall invite --self-test` prints, it passes.</summary>
[NonParallelizable]
[SupportedOSPlatform("linux")]
public sealed class SelfTestPrivateRoomsTests : ChromiumFixture
{
    private static readonly DaemonOptions WithSecret = new() { RoomSecret = TestTokens.Secret };

    [Test]
    public async Task SelfTest_RoomSecretSetAndInviteLink_EveryStepPasses()
    {
        var scene = Scene = BrowserScene.Start(Chromium, WithSecret);
        var admin = await scene.OpenAdminAsync();

        await admin.Page.GotoAsync(SelfTestLink(scene.Server));
        await admin.RunSelfTestAsync(SelfTestWait);

        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("pass"), await admin.ResultTextAsync());
        Assert.Multiple(async () =>
        {
            foreach (var step in SelfTestCallSteps)
            {
                Assert.That(await admin.StepStateAsync(step), Is.EqualTo("pass"), step);
            }

            Assert.That(admin.Console, Is.Empty, "no console errors or CSP violations");
        });
    }

    [Test]
    public async Task SelfTest_RoomSecretSetPageWithoutToken_FailsAtJoinForbidden()
    {
        var scene = Scene = BrowserScene.Start(Chromium, WithSecret);
        var admin = await scene.OpenAdminAsync();

        await admin.Page.GotoAsync(scene.Urls.SelfTestPage.ToString());
        await admin.RunSelfTestAsync(SelfTestWait);

        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("fail"));
        Assert.That(await admin.Page.GetAttributeAsync("#result", "data-failed-step"), Is.EqualTo("join"));
        Assert.That(await admin.ResultTextAsync(), Does.Contain("forbidden").Or.Contain("invitation"));
    }

    /// <summary>What `homecall invite --self-test` prints for this daemon, as an admin would copy it.</summary>
    private static string SelfTestLink(TestServer server)
    {
        var stdout = new StringWriter();
        var request = CommandLine.Parse(["invite", "--self-test"]);
        var exit = InviteCommand.Run(request.Invite!, server.Options with { Port = server.Endpoint.Port }, TimeProvider.System, stdout, TextWriter.Null);
        Assert.That(exit, Is.Zero);
        return stdout.ToString().Split('\n').Single(l => l.StartsWith("link: ", StringComparison.Ordinal))["link: ".Length..];
    }
}
