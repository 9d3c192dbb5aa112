using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>
/// An admin looking at the self-test page: a plain context (the page's own CSP applies)
/// and readers for the stable ids and data attributes the page exposes.
/// </summary>
internal sealed class Admin : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _console = new();

    private Admin(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                _console.Enqueue($"[{message.Type}] {message.Text}");
            }
        };
        page.PageError += (_, error) => _console.Enqueue($"[pageerror] {error}");
    }

    public IPage Page { get; }

    /// <summary>Console errors and warnings (CSP violations show up here).</summary>
    public IEnumerable<string> Console => _console;

    public static async Task<Admin> OpenAsync(Chromium chromium)
    {
        var context = await chromium.NewPersonAsync();
        return new Admin(context, await context.NewPageAsync());
    }

    public async Task RunSelfTestAsync(TimeSpan timeout)
    {
        await Page.ClickAsync("#run");
        await WaitForResultAsync(timeout);
    }

    /// <summary>Waits for pass or fail; a timeout fails naming the step still running.</summary>
    public async Task WaitForResultAsync(TimeSpan timeout)
    {
        try
        {
            await Page.WaitForSelectorAsync("#result:is([data-state=pass], [data-state=fail])", new PageWaitForSelectorOptions
            {
                Timeout = (float)timeout.TotalMilliseconds,
            });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the self-test gave no result within {timeout.TotalSeconds} s; steps: {await StepsAsync()}");
        }
    }

    public Task<string?> ResultStateAsync() => Page.GetAttributeAsync("#result", "data-state");

    public async Task<string> ResultTextAsync() => await Page.TextContentAsync("#result") ?? "";

    public async Task<string?> StepStateAsync(string step) =>
        await Page.Locator($"tr[data-step='{step}']").CountAsync() == 0 ? null : await Page.GetAttributeAsync($"tr[data-step='{step}']", "data-state");

    public async Task<string> StepTimeAsync(string step) => await Page.TextContentAsync($"tr[data-step='{step}'] td.time") ?? "";

    /// <summary>Every row as "step=state: details", for failure messages and logs.</summary>
    public async Task<string> StepsAsync() =>
        string.Join("; ", await Page.Locator("#steps tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.dataset.step + '=' + r.dataset.state + ': ' + r.cells[3].textContent)"));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
