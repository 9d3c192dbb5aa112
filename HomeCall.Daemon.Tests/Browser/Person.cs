using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>
/// One person in a browser call: an isolated Chromium context with a fake camera and
/// microphone showing call.html. The harness replaces the daemon's own page (its origin is
/// then the daemon's, a loopback secure context that Chromium's local-network checks allow;
/// CSP is bypassed in this context only, since the harness is inline test script).
/// Waits are bounded and a timeout names the first missing step of the call.
/// </summary>
internal sealed class Person : IAsyncDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<string> Html = new(() => Resource.Text("HomeCall.Daemon.Tests.Browser.call.html"));

    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _console = new();

    private Person(string name, IBrowserContext context, IPage page)
    {
        Name = name;
        _context = context;
        Page = page;
        page.Console += (_, message) => _console.Enqueue($"[{message.Type}] {message.Text}");
        page.PageError += (_, error) => _console.Enqueue($"[pageerror] {error}");
    }

    public string Name { get; }

    public IPage Page { get; }

    public IEnumerable<string> Console => _console;

    public static async Task<Person> OpenAsync(Chromium chromium, Uri origin, string name)
    {
        var context = await chromium.NewPersonAsync(bypassCsp: true);
        var person = new Person(name, context, await context.NewPageAsync());
        await person.Page.GotoAsync(origin.ToString());
        await person.Page.SetContentAsync(Html.Value);
        await person.Page.EvaluateAsync("name => start(name)", name);
        return person;
    }

    /// <summary>Runs one of call.html's dialect functions, e.g. ("homecall", url, room, callee).</summary>
    public Task StartCallAsync(string dialect, params object?[] args) =>
        Page.EvaluateAsync($"args => {dialect}(...args)", args);

    public Task<string> EvaluateAsync(string expression) => Page.EvaluateAsync<string>(expression);

    /// <summary>Waits for a step the harness marks (e.g. "sent offer"); a timeout fails with the steps seen so far.</summary>
    public async Task WaitForStepAsync(string step, TimeSpan timeout)
    {
        if (!await TryWaitAsync("s => me.steps.includes(s)", step, timeout))
        {
            Assert.Fail($"{Name}: step '{step}' did not happen within {timeout.TotalSeconds} s. {await DescribeAsync()}");
        }
    }

    /// <summary>
    /// Waits until this person has a live call with <paramref name="others"/> people: signaling
    /// done, ICE connected, a data channel message received and a remote video track decoding.
    /// </summary>
    public async Task WaitForLiveCallAsync(int others, TimeSpan timeout)
    {
        const string Predicate = "n => Object.keys(me.peers).length >= n && Object.keys(me.peers).every(r => stage(r) === 'ok')";
        if (!await TryWaitAsync(Predicate, others, timeout))
        {
            var report = await ReportAsync();
            var missing = report.Peers.Length < others
                ? $"signaling message missing: {report.Peers.Length} of {others} peer connections were created"
                : string.Join("; ", report.Peers.Where(p => p.Stage != "ok").Select(p => p.Stage));
            Assert.Fail($"{Name}: the call stopped at [{missing}] after {timeout.TotalSeconds} s. {await DescribeAsync()}");
        }
    }

    public async Task<CallReport> ReportAsync()
    {
        var json = await Page.EvaluateAsync<JsonElement>("report()");
        return json.Deserialize<CallReport>(JsonOptions)!;
    }

    public async Task<string> DescribeAsync()
    {
        var report = await ReportAsync();
        return $"Steps: {string.Join(", ", report.Steps)}. Errors: {string.Join("; ", report.Errors)}. "
            + $"Peers: {string.Join("; ", report.Peers.Select(p => $"{p.Remote}={p.Stage}"))}.";
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private async Task<bool> TryWaitAsync(string predicate, object arg, TimeSpan timeout)
    {
        try
        {
            await Page.WaitForFunctionAsync(predicate, arg, new PageWaitForFunctionOptions
            {
                Timeout = (float)timeout.TotalMilliseconds,
                PollingInterval = 100,
            });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
