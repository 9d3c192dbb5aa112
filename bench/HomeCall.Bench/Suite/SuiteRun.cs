namespace HomeCall.Bench.Suite;

internal sealed class SuiteRun(SuiteSettings settings)
{
    public Task<string?> RunAsync(CancellationToken ct) => Task.FromResult<string?>(settings.Out);
}
