namespace HomeCall.Daemon.Tests.Browser;

/// <summary>
/// What the browser fixtures share: one Chromium per fixture, and the running test's scene,
/// which is reported (each page's steps and errors, the daemon's log) when the test failed,
/// then stopped.
/// </summary>
public abstract class ChromiumFixture
{
    /// <summary>How long the embedded self-test page may take to reach its result.</summary>
    protected static readonly TimeSpan SelfTestWait = TimeSpan.FromSeconds(30);

    /// <summary>The self-test page's steps of a whole call, in order (Http/selftest.html).</summary>
    protected static readonly string[] SelfTestCallSteps = ["setup", "connect", "join", "offer", "answer", "ice", "channel", "message-ab", "message-ba"];

    private protected Chromium Chromium { get; private set; } = null!;

    /// <summary>The running test's scene: set it as soon as the scene starts.</summary>
    private protected BrowserScene? Scene { get; set; }

    [OneTimeSetUp]
    public async Task LaunchChromiumAsync() => Chromium = await Chromium.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseChromiumAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }
    }

    [TearDown]
    public async Task ReportAndStopAsync()
    {
        if (Scene is { } scene)
        {
            Scene = null;
            await scene.ReportIfFailedAsync();
            await scene.DisposeAsync();
        }
    }
}
