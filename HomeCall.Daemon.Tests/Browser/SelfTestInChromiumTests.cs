using System.Collections.Concurrent;
using System.Net;
using HomeCall.Daemon.Tests.TestSupport;
using Microsoft.Playwright;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>The embedded self-test page (docs/protocol.md §1.3) opened in Chromium under its own CSP, as an admin would.</summary>
[NonParallelizable]
public sealed class SelfTestInChromiumTests : ChromiumFixture
{
    /// <summary>A NAT's public side for the test STUN server to report, from the documentation range (RFC 5737).</summary>
    private static readonly IPAddress NatPublicAddress = IPAddress.Parse("198.51.100.77");

    [Test]
    public async Task SelfTest_DaemonRunning_EveryStepPassesWithoutExternalRequests()
    {
        var scene = Scene = BrowserScene.Start(Chromium);
        var admin = await scene.OpenAdminAsync();
        var requests = new ConcurrentQueue<string>();
        admin.Page.Request += (_, request) => requests.Enqueue(request.Url);

        await admin.Page.GotoAsync(scene.Urls.SelfTestPage.ToString());
        await admin.RunSelfTestAsync(SelfTestWait);

        var screenshot = await SaveScreenshotAsync(admin.Page, "selftest.png");
        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("pass"), await admin.ResultTextAsync());
        Assert.Multiple(async () =>
        {
            foreach (var step in SelfTestCallSteps)
            {
                Assert.That(await admin.StepStateAsync(step), Is.EqualTo("pass"), step);
                Assert.That(await admin.StepTimeAsync(step), Does.Match(@"^\d+ ms$"), step);
            }

            Assert.That(await admin.Page.GetAttributeAsync("#candidates", "data-types"), Does.Contain("host"));
            Assert.That(await admin.Page.GetAttributeAsync("#pair", "data-local"), Is.EqualTo("host"));
            Assert.That(await admin.Page.TextContentAsync("#pair"), Does.Contain("⇄"));
            var joined = await admin.Page.TextContentAsync("tr[data-step='join'] td.detail") ?? "";
            var fingerprint = System.Text.RegularExpressions.Regex.Match(joined, "room=([0-9a-f]{8})").Groups[1].Value;
            Assert.That(scene.Server.Logs.Lines.Select(l => l.Replace("\"", "", StringComparison.Ordinal)), Has.Some.Contains("Joined room=" + fingerprint + " "), "the page names its room as the log does: " + joined);
            Assert.That(requests, Has.All.StartsWith(scene.Urls.SelfTestPage.GetLeftPart(UriPartial.Authority)), "no external request");
            Assert.That(admin.Console, Is.Empty, "no console errors or CSP violations");
            Assert.That(new FileInfo(screenshot).Length, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task SelfTest_DaemonStoppedWhileAnswerIsInFlight_FailsAtAnswerSayingDaemonStopped()
    {
        var scene = Scene = BrowserScene.Start(Chromium);
        var admin = await scene.OpenAdminAsync();
        var answerHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Every frame passes through unchanged except the answer the daemon relays to A: the
        // page is then mid-call, waiting for it, when the daemon stops.
        await admin.Page.RouteWebSocketAsync(_ => true, page =>
        {
            var daemon = page.ConnectToServer();
            daemon.OnMessage(frame =>
            {
                if (frame.Text is { } text && text.Contains("\"type\":\"answer\"", StringComparison.Ordinal))
                {
                    answerHeld.TrySetResult();
                    return;
                }

                page.Send(frame.Text!);
            });
        });
        await admin.Page.GotoAsync(scene.Urls.SelfTestPage.ToString());

        await admin.Page.ClickAsync("#run");
        await answerHeld.Task.WaitAsync(SelfTestWait);
        await scene.Server.StopAsync();
        await admin.WaitForResultAsync(SelfTestWait);
        await SaveScreenshotAsync(admin.Page, "selftest-daemon-stopped.png");

        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("fail"));
        Assert.That(await admin.Page.GetAttributeAsync("#result", "data-failed-step"), Is.EqualTo("answer"));
        Assert.That(await admin.ResultTextAsync(), Does.Contain("shutting down").And.Contain("systemctl status homecall"));
        Assert.That(await admin.StepStateAsync("offer"), Is.EqualTo("pass"));
    }

    [Test]
    public async Task SelfTest_DaemonStoppedAfterPageLoaded_FailsAtConnectWithWhatToCheck()
    {
        var scene = Scene = BrowserScene.Start(Chromium);
        var admin = await scene.OpenAdminAsync();
        await admin.Page.GotoAsync(scene.Urls.SelfTestPage.ToString());

        await scene.Server.StopAsync();
        await admin.RunSelfTestAsync(SelfTestWait);

        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("fail"));
        Assert.That(await admin.Page.GetAttributeAsync("#result", "data-failed-step"), Is.EqualTo("connect"));
        Assert.That(await admin.ResultTextAsync(), Does.Contain("Could not open " + scene.Urls.Room.GetLeftPart(UriPartial.Authority))
            .And.Contain("ALLOWED_ORIGINS").And.Contain("TLS"));
    }

    [Test]
    public async Task SelfTest_StunServerGiven_ServersStepPassesWithServerReflexiveCandidate()
    {
        await using var stun = new StunResponder(NatPublicAddress);
        var admin = await OpenSelfTestAsync(StunUrl(stun));

        await admin.RunSelfTestAsync(SelfTestWait);

        await AssertServersStepPassedAsync(admin, stun);
    }

    [Test]
    public async Task SelfTest_StunAnswersOnlyAfterPeersConnected_ServersStepStillPasses()
    {
        // A STUN server farther away than the daemon: it answers only once the call's peers
        // are connected, when Chromium has stopped their gathering and drops late candidates.
        await using var stun = new StunResponder(NatPublicAddress, hold: true);
        var admin = await OpenSelfTestAsync(StunUrl(stun));

        await admin.Page.ClickAsync("#run");
        await admin.Page.WaitForSelectorAsync(
            "tr[data-step='ice'][data-state='pass'], #result[data-state='fail']",
            new() { Timeout = (float)SelfTestWait.TotalMilliseconds });
        var held = await stun.ReleaseAsync();
        await admin.WaitForResultAsync(SelfTestWait);

        Assert.That(held, Is.GreaterThan(0), "binding requests were held while the peers connected");
        await AssertServersStepPassedAsync(admin, stun);
    }

    [Test]
    public async Task SelfTest_StunServerNeverAnswers_ServersStepWarnsNamingIt()
    {
        await using var stun = new StunResponder(NatPublicAddress, hold: true);
        var admin = await OpenSelfTestAsync(StunUrl(stun));

        await admin.RunSelfTestAsync(SelfTestWait);

        // The page waits 10 s for the server (Chromium alone would retry for about 40 s),
        // then warns: a missing srflx candidate is no failure (this machine may be public).
        Assert.That(await admin.StepStateAsync("servers"), Is.EqualTo("warn"), await admin.StepsAsync());
        Assert.That(await admin.Page.TextContentAsync("tr[data-step='servers'] td.detail"), Does.Contain("No candidate from: " + StunUrl(stun)));
        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("pass"));
        Assert.That(stun.Held, Is.GreaterThan(0), "the page did ask the server");
    }

    [TestCase("turn:127.0.0.1:3478?transport=udp", false, "credentials")]
    [TestCase("stun:127.0.0.1:3478", true, "turn: or turns:")]
    public async Task SelfTest_UnusableIceServers_FailsAtSetupSayingWhatToFix(string urls, bool relayOnly, string advice)
    {
        var admin = await OpenSelfTestAsync(urls);

        await admin.Page.SetCheckedAsync("#relay-only", relayOnly);
        await admin.RunSelfTestAsync(SelfTestWait);

        Assert.That(await admin.Page.GetAttributeAsync("#result", "data-failed-step"), Is.EqualTo("setup"));
        Assert.That(await admin.ResultTextAsync(), Does.Contain(advice).And.Contain("STUN/TURN"));
        Assert.That(await admin.StepStateAsync("connect"), Is.Null, "nothing runs after a failed step");
    }

    private static string StunUrl(StunResponder stun) => $"stun:127.0.0.1:{stun.Port}";

    /// <summary>An admin on the self-test page with <paramref name="iceUrls"/> entered, not run yet.</summary>
    private async Task<Admin> OpenSelfTestAsync(string iceUrls)
    {
        var scene = Scene = BrowserScene.Start(Chromium);
        var admin = await scene.OpenAdminAsync();
        await admin.Page.GotoAsync(scene.Urls.SelfTestPage.ToString());
        await admin.Page.FillAsync("#ice-urls", iceUrls);
        return admin;
    }

    private static async Task AssertServersStepPassedAsync(Admin admin, StunResponder stun)
    {
        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("pass"), await admin.StepsAsync());
        Assert.That(
            await admin.StepStateAsync("servers"),
            Is.EqualTo("pass"),
            $"{await admin.StepsAsync()}; STUN answers sent: {stun.Answered}; candidates: {await admin.Page.TextContentAsync("#candidates")}");
        Assert.That(await admin.Page.GetAttributeAsync("#candidates", "data-types"), Does.Contain("srflx"));
        Assert.That(stun.Answered, Is.GreaterThan(0));
    }

    private static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, "the self-test page as the admin sees it");
        return path;
    }
}
