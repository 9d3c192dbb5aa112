namespace HomeCall.Daemon.Tests.Browser;

/// <summary>What every browser call test checks once signaling is done, however the browsers reached the daemon.</summary>
internal static class LiveCall
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Live call with every other person; each sent "from NAME" over its data channel, so both ways are checked.</summary>
    public static async Task AssertAsync(Person person, params string[] others)
    {
        await person.WaitForLiveCallAsync(others.Length, Wait);
        var report = await person.ReportAsync();
        Assert.That(report.Peers.SelectMany(p => p.Received), Is.EquivalentTo(others.Select(o => "from " + o)), $"{person.Name}'s data channel messages");
        Assert.That(report.Peers.Select(p => p.Frames), Has.All.GreaterThan(0), $"{person.Name} decodes remote video");
        Assert.That(report.Errors, Is.Empty, $"{person.Name}'s page errors");
    }
}
