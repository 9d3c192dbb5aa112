using System.Globalization;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;
using NUnit.Framework.Interfaces;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>
/// One browser test's world: the real daemon in-process, the URLs browsers use to reach
/// it (directly, or through a proxy a later fixture puts in front) and the people in the
/// call. When the test failed, the daemon's log and every page's console go to the test
/// output and become attachments.
/// </summary>
internal sealed class BrowserScene : IAsyncDisposable
{
    private readonly List<Person> _people = [];
    private readonly List<Admin> _admins = [];

    private BrowserScene(Chromium chromium, TestServer server, SignalingUrls urls)
    {
        Chromium = chromium;
        Server = server;
        Urls = urls;
    }

    public Chromium Chromium { get; }

    public TestServer Server { get; }

    public SignalingUrls Urls { get; }

    /// <summary>Starts the daemon; <paramref name="route"/> picks the URLs (default: straight to the daemon).</summary>
    public static BrowserScene Start(Chromium chromium, DaemonOptions? options = null, Func<TestServer, SignalingUrls>? route = null)
    {
        var server = TestServer.Start(options);
        return new BrowserScene(chromium, server, (route ?? SignalingUrls.Direct)(server));
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

        await Server.DisposeAsync();
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
