using System.Net.NetworkInformation;
using Microsoft.Playwright;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (testing.md: no browser download, loopback-only
/// network namespace). Playwright's LaunchAsync gives the browser a fresh temporary
/// user-data-dir of its own; every context made from it is a separate "person".
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        "--allow-loopback-in-peer-connection",
    ];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Fails (never skips) when Chromium is missing or the network is not loopback-only: CI installs both.</summary>
    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"Chromium is not installed at {ExecutablePath}: run `apt-get install chromium` (.ci/run does this).");
        }

        var outside = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.NetworkInterfaceType != NetworkInterfaceType.Loopback && i.OperationalStatus == OperationalStatus.Up)
            .Select(i => i.Name)
            .ToArray();
        if (outside.Length > 0)
        {
            // WebRTC gathers candidates on every interface; only loopback traffic is allowed here.
            Assert.Fail($"Browser tests must run in a loopback-only network namespace (found {string.Join(", ", outside)}): "
                + "run `make test` as root, or `unshare -n -- sh -c 'ip link set lo up && dotnet test ...'`.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Flags,
                Timeout = 30_000,
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh, isolated context: its own cookies, storage and media permission.</summary>
    public Task<IBrowserContext> NewPersonAsync(bool bypassCsp = false) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BypassCSP = bypassCsp,
            // A wss:// base URL through a test proxy uses a self-signed certificate.
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
        });

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
