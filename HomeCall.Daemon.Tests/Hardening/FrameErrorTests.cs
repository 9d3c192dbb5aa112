using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Every bad frame of <see cref="FrameCases"/> over a raw socket: the framing layer
/// closes with the right status (RFC 6455 §7.4.1, docs/protocol.md §10.1), the connection's slot is
/// released, and a bystander in a room keeps being served throughout.
/// </summary>
[NonParallelizable]
public sealed class FrameErrorTests
{
    private TestServer _server = null!;
    private WsClient _bystander = null!;
    private int _round;

    public static IEnumerable<TestCaseData> Cases =>
        FrameCases.All.Select(c => new TestCaseData(c).SetName("Frame_" + c.Name.Replace(' ', '_') + "_Closed" + c.CloseStatus));

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = TestServer.Start();
        _bystander = await WsClient.ConnectAsync(_server.Ws("/ws/"));
    }

    [TearDown]
    public void NoServerErrorsDuringTest() => _server.AssertNoNewErrors();

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await _bystander.DisposeAsync();
        await _server.DisposeAsync();
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Frame_CatalogueCase_ClosedWithStatusAndOthersServed(FrameCase c)
    {
        await using var raw = await RawWsConnection.UpgradeAsync(_server.Endpoint);
        foreach (var write in c.Writes)
        {
            await raw.SendAsync(write);
        }

        var status = await raw.ReadCloseStatusAsync();
        await raw.AnswerCloseAsync(status ?? 1000);

        Assert.That(status, Is.EqualTo(c.CloseStatus));
        Assert.That(await raw.WaitForEndAsync(), Is.True, "the server ends the TCP connection after its close");
        await Poll.UntilAsync(() => _server.Host.Connections == 1, "1 open connection"); // Only the bystander is left.
        await AssertBystanderServedAsync();
    }

    private async Task AssertBystanderServedAsync()
    {
        var room = "frames-" + Interlocked.Increment(ref _round);
        await _bystander.SendAsync(new { type = "join", room, user = "bystander" });
        var online = await _bystander.ReceiveAsync();
        Assert.That(online.GetProperty("room").GetString(), Is.EqualTo(room));
    }
}
