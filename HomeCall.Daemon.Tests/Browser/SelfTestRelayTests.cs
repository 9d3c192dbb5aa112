using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>
/// The self-test page with the daemon's own ICE servers (docs/protocol.md §3.8): it uses them when
/// no server is entered, proves a relay-only call through a real coturn, and names the usual cause
/// when TURN does not work.
/// </summary>
[NonParallelizable]
public sealed class SelfTestRelayTests : CoturnChromiumFixture
{
    private async Task<Admin> RunSelfTestAsync(DaemonOptions options)
    {
        var scene = Scene = BrowserScene.Start(Chromium, options);
        var admin = await scene.OpenAdminAsync();
        await admin.Page.GotoAsync(scene.Urls.SelfTestPage.ToString());
        await admin.RunSelfTestAsync(SelfTestWait);
        return admin;
    }

    [Test]
    public async Task SelfTest_DaemonSendsTurn_UsesItAndTheRelayOnlyStepPasses()
    {
        var admin = await RunSelfTestAsync(WithTurn());

        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("pass"), await admin.StepsAsync() + " coturn: " + Turn.Log);
        Assert.Multiple(async () =>
        {
            Assert.That(await admin.StepStateAsync("daemon-ice"), Is.EqualTo("pass"));
            Assert.That(await admin.StepStateAsync("relay"), Is.EqualTo("pass"));
            Assert.That(await admin.StepStateAsync("servers"), Is.EqualTo("pass"), "the daemon's TURN server gave relay candidates");
            Assert.That(await admin.Page.TextContentAsync("#ice-source"), Does.Contain(Turn.UdpUrl).And.Contain("TURN credentials valid until"));
            Assert.That(await admin.Page.GetAttributeAsync("#relay-pair", "data-local"), Is.EqualTo("relay"));
            Assert.That(await admin.Page.GetAttributeAsync("#relay-pair", "data-remote"), Is.EqualTo("relay"));
            Assert.That(admin.Console, Is.Empty, "no console errors or CSP violations");
        });
    }

    [Test]
    public async Task SelfTest_TurnSecretDiffersFromCoturns_RelayStepFailsNaming401AndTheSecret()
    {
        var admin = await RunSelfTestAsync(WithTurn("not-coturns-secret"));

        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("fail"));
        Assert.That(await admin.Page.GetAttributeAsync("#result", "data-failed-step"), Is.AnyOf("servers", "relay"), await admin.StepsAsync());
        Assert.That(await admin.ResultTextAsync(), Does.Contain("401").And.Contain("TURN_SECRET").And.Contain("static-auth-secret"));
        Assert.That(await admin.StepStateAsync("message-ba"), Is.EqualTo("pass"), "the call itself works on loopback without TURN");
    }

    [Test]
    public async Task SelfTest_NoIceServersConfigured_DaemonIceStepWarnsAndNoRelayStep()
    {
        var admin = await RunSelfTestAsync(new DaemonOptions());

        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("pass"), await admin.StepsAsync());
        Assert.That(await admin.StepStateAsync("daemon-ice"), Is.EqualTo("warn"));
        Assert.That(await admin.Page.TextContentAsync("tr[data-step='daemon-ice'] td.detail"), Does.Contain("TURN_URLS").And.Contain("docs/turn.md"));
        Assert.That(await admin.StepStateAsync("relay"), Is.Null);
    }
}
