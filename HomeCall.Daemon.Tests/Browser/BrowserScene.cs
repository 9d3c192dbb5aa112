using System.Globalization;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;
using NUnit.Framework.Interfaces;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>
/// One browser test's world: the real daemon in-process, the URLs browsers use to reach
/// it (directly, or through a real TLS proxy running its deploy/ sample) and the
/// people in the call. When the test failed, the daemon's log, the proxy's log and
/// every page's console go to the test output and become attachments.
/// </summary>
internal sealed class BrowserScene : IAsyncDisposable
{
    private readonly List<Person> _people = [];
    private readonly List<Admin> _admins = [];

    /// <summary>What disposing stops: the daemon alone, or the daemon and its proxy.</summary>
    private readonly IAsyncDisposable _stack;

    private BrowserScene(Chromium chromium, TestServer server, IAsyncDisposable stack, SignalingUrls urls, ReverseProxy? proxy = null)
    {
        Chromium = chromium;
        Server = server;
        _stack = stack;
        Urls = urls;
        Proxy = proxy;
    }

    public Chromium Chromium { get; }

    public TestServer Server { get; }

    public SignalingUrls Urls { get; }

    /// <summary>The TLS proxy in front of the daemon, when the scene has one.</summary>
    public ReverseProxy? Proxy { get; }

    /// <summary>Starts the daemon; <paramref name="route"/> picks the URLs (default: straight to the daemon).</summary>
    public static BrowserScene Start(Chromium chromium, DaemonOptions? options = null, Func<TestServer, SignalingUrls>? route = null)
    {
        var server = TestServer.Start(options);
        return new BrowserScene(chromium, server, server, (route ?? SignalingUrls.Direct)(server));
    }

    /// <summary>Starts the daemon behind <paramref name="proxy"/> (TLS, self-signed); browsers reach it only at https:// and wss:// (docs/protocol.md §1).</summary>
    public static async Task<BrowserScene> StartBehindProxyAsync(Chromium chromium, IProxyServer proxy, DaemonOptions options)
    {
        var stack = await ProxiedDaemon.StartAsync(proxy, options);
        return new BrowserScene(chromium, stack.Daemon, stack, SignalingUrls.ThroughProxy(stack.Proxy), stack.Proxy);
    }

    public async Task<Person> OpenPersonAsync(string name)
    {
        var person = await Person.OpenAsync(Chromium, Urls.SelfTestPage, name);
        _people.Add(person);
        return person;
    }

    public async Task<Admin> OpenAdminAsync()
    {
        var admin = await Admin.OpenAsync(Chromium);
        _admins.Add(admin);
        return admin;
    }

    /// <summary>Call from [TearDown]: on failure, writes and attaches the daemon log and the pages' consoles.</summary>
    public async Task ReportIfFailedAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != TestStatus.Failed)
        {
            return;
        }

        var log = Server.Logs.Events.Select(e => string.Create(
            CultureInfo.InvariantCulture,
            $"{e.Timestamp:HH:mm:ss.fff} [{e.Level}] {e.RenderMessage(CultureInfo.InvariantCulture)} {e.Exception}")).ToList();
        foreach (var person in _people)
        {
            log.Add($"--- {person.Name}: {await DescribeSafelyAsync(person)}");
            log.AddRange(person.Console.Select(line => $"{person.Name} console {line}"));
        }

        foreach (var admin in _admins)
        {
            log.Add($"--- self-test page: {await admin.Page.TextContentAsync("#result")} Steps: {await admin.StepsAsync()}");
            log.AddRange(admin.Console.Select(line => $"self-test console {line}"));
        }

        if (Proxy is not null)
        {
            log.Add($"--- {Proxy.Name} log:");
            log.Add(Proxy.ErrorLog);
        }

        await TestContext.Out.WriteLineAsync("Daemon log and browser consoles:\n" + string.Join('\n', log));
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.Name}.daemon.log");
        await File.WriteAllLinesAsync(path, log);
        TestContext.AddTestAttachment(path, "daemon log and browser consoles");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var person in _people)
        {
            await person.DisposeAsync();
        }

        foreach (var admin in _admins)
        {
            await admin.DisposeAsync();
        }

        await _stack.DisposeAsync();
    }

    private static async Task<string> DescribeSafelyAsync(Person person)
    {
        try
        {
            return await person.DescribeAsync();
        }
        catch (Microsoft.Playwright.PlaywrightException ex)
        {
            return "page not readable: " + ex.Message;
        }
    }
}
