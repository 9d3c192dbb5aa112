using System.Diagnostics;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Bounded waits on a condition for effects that happen on server threads (a disconnect
/// noticed, a room emptied). Never a fixed sleep: the condition is checked every few ms
/// and the test fails with <c>what</c> if it does not hold in time.
/// </summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Reads a value until it satisfies <paramref name="done"/>, returning it; fails with the last value read.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds} s; last value: {value}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Reads the server's registry under its lock.</summary>
    public static T Registry<T>(TestServer server, Func<RoomLock, T> read)
    {
        using var rooms = server.Host.Hub.Registry.Lock();
        return read(rooms);
    }

    /// <summary>Waits until the server has noticed that <paramref name="user"/>'s connection to a /signal session is gone.</summary>
    public static Task UntilDetachedAsync(TestServer server, string session, string user) =>
        UntilAsync(
            () => Registry(server, r => r.Find(Dialect.Session, session)?.FindUser(user) is { Connection: null }),
            $"{user} to be detached from the session");
}
