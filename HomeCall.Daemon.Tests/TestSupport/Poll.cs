namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Waits on a condition with a bounded deadline (instead of sleeping a guessed time).</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new AssertionException("condition not reached within " + (deadline ?? DefaultDeadline) + "; last value: " + value);
            }

            await Task.Delay(Step);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan? deadline = null) =>
        UntilAsync(() => Task.FromResult(condition()), ok => ok, deadline);
}
