using HomeCall.Daemon.Tests.Browser;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// docs/deploy.md "Quick path: the .deb", done on this machine for each proxy: the package
/// installed with dpkg, the daemon started as the installed unit says (<see cref="InstalledUnit"/>
/// stands in for systemctl: there is no systemd as PID 1 here), the proxy's INSTALLED sample from
/// /usr/share/doc/homecall run by the real Apache, nginx or Caddy, ALLOWED_ORIGINS set in
/// /etc/homecall/homecall.env to the page's origin and the service reloaded, then the self-test
/// page opened in Chromium through the proxy until it passes. Where this differs from the docs,
/// it is where it runs: the daemon on WS_PORT=0 (any free port, read back from its Listening
/// line) and each proxy on a free loopback port with a fresh self-signed certificate, swapped
/// into the sample where the admin sets the host name and certificate. The package is purged
/// at the end; the system user homecall stays, as a real purge leaves it.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DebQuickPathTests : ChromiumFixture
{
    private DirectoryInfo _work = null!;
    private InstalledUnit? _unit;

    [OneTimeSetUp]
    public async Task InstallAndStartAsync()
    {
        await DebPackage.RequireCleanMachineAsync();
        _work = Directory.CreateTempSubdirectory("homecall-quick-");
        var (_, deb) = await DebPackage.BuildAsync(_work.FullName);
        var install = await Dpkg.RunAsync("--install", deb);
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        await File.AppendAllTextAsync(DebPackage.EnvFile, "WS_PORT=0\n");
        _unit = InstalledUnit.Read(DebPackage.UnitFile);
        await _unit.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAndPurgeAsync()
    {
        try
        {
            if (_unit is not null)
            {
                await _unit.DisposeAsync();
            }
        }
        finally
        {
            await DebPackage.LeaveAsFoundAsync();
            _work?.Delete(recursive: true);
        }
    }

    [TestCase("apache2")]
    [TestCase("nginx")]
    [TestCase("caddy")]
    public async Task SelfTest_ThroughTheInstalledSample_Passes(string tool)
    {
        var unit = _unit!;
        await using var proxy = await ReverseProxy.StartAsync(Server(tool), unit.Daemon.Port, installedSamples: DebPackage.DocDir);
        await AllowOriginAndReloadAsync(unit, proxy.Https("/").GetLeftPart(UriPartial.Authority));
        await using var admin = await Admin.OpenAsync(Chromium);

        await admin.Page.GotoAsync(proxy.Https("/ws/").ToString());
        await admin.RunSelfTestAsync(SelfTestWait);

        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("pass"), $"{await admin.StepsAsync()}\n{proxy.ErrorLog}\n{unit.Daemon.Output}");
        Assert.That(await admin.Page.TextContentAsync("#url"), Is.EqualTo(proxy.Wss("/ws/").ToString()), "signaling went through the proxy");
    }

    /// <summary>The docs' ALLOWED_ORIGINS step, then `systemctl reload homecall` (origins change live); waits for the daemon's "applied" line.</summary>
    private static async Task AllowOriginAndReloadAsync(InstalledUnit unit, string origin)
    {
        bool Applied() => unit.Daemon.Stdout.Concat(unit.Daemon.Stderr).Any(l =>
            l.Contains("Reload: ", StringComparison.Ordinal) && l.Contains("ALLOWED_ORIGINS", StringComparison.Ordinal) && l.Contains(origin, StringComparison.Ordinal) && l.EndsWith("applied", StringComparison.Ordinal));
        await File.AppendAllTextAsync(DebPackage.EnvFile, $"ALLOWED_ORIGINS={origin}\n");
        await unit.ReloadAsync();
        await Poll.UntilAsync(Applied, "the daemon's reload applying ALLOWED_ORIGINS=" + origin, DaemonProcess.DefaultWait);
    }

    private static IProxyServer Server(string tool) => tool switch
    {
        "apache2" => new ApacheServer(),
        "nginx" => new NginxServer(),
        _ => new CaddyServer(),
    };
}
