namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Waits on a condition with a bound, polling; never a bare sleep as synchronisation (testing rules).</summary>
internal static class WaitUntil
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(10);

    /// <summary>Fails the test when <paramref name="condition"/> is still false after <paramref name="within"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {within.TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(PollEvery);
        }
    }
}
