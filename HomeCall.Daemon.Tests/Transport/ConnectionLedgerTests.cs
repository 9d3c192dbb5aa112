using System.Net;
using System.Net.WebSockets;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class ConnectionLedgerTests
{
    private static readonly IPAddress A = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress B = IPAddress.Parse("192.0.2.2");

    [Test]
    public void TryUpgrade_PastTotal_ReturnsConnectionLimit()
    {
        var ledger = Admitted(new ConnectionLedger(maxConnections: 2, maxConnectionsPerIp: 10, maxPendingHandshakes: 10), 3);
        Assert.That(ledger.TryUpgrade(A), Is.Null);
        Assert.That(ledger.TryUpgrade(B), Is.Null);

        Assert.That(ledger.TryUpgrade(A), Is.EqualTo("connection-limit"));
        Assert.That(ledger.Connections, Is.EqualTo(2));
    }

    [Test]
    public void TryUpgrade_PastPerIp_RefusesThatIpOnly()
    {
        var ledger = Admitted(new ConnectionLedger(maxConnections: 10, maxConnectionsPerIp: 1, maxPendingHandshakes: 10), 3);
        Assert.That(ledger.TryUpgrade(A), Is.Null);

        Assert.That(ledger.TryUpgrade(A), Is.EqualTo("per-ip-limit"));
        Assert.That(ledger.TryUpgrade(B), Is.Null);
        Assert.That(ledger.Connections, Is.EqualTo(2));
    }

    [Test]
    public void UpgradeFailed_AfterLimit_FreesTheSlotAndTheSocket()
    {
        var ledger = Admitted(new ConnectionLedger(maxConnections: 1, maxConnectionsPerIp: 1, maxPendingHandshakes: 10), 2);
        Assert.That(ledger.TryUpgrade(A), Is.Null);

        ledger.UpgradeFailed(A);

        Assert.That((ledger.Connections, ledger.Sockets), Is.EqualTo((0, 1)));
        Assert.That(ledger.TryUpgrade(A), Is.Null);
    }

    [Test]
    public void TryAdmit_PastPendingHandshakes_RefusedUntilOneUpgradesOrEnds()
    {
        var ledger = Admitted(new ConnectionLedger(maxConnections: 10, maxConnectionsPerIp: 10, maxPendingHandshakes: 2), 2);
        Assert.That(ledger.TryAdmit(), Is.False);

        Assert.That(ledger.TryUpgrade(A), Is.Null);
        Assert.That(ledger.TryAdmit(), Is.True, "an upgraded socket no longer counts as a pending handshake");
        Assert.That(ledger.TryAdmit(), Is.False);

        ledger.HandshakeEnded();
        Assert.That(ledger.TryAdmit(), Is.True, "an ended handshake frees its place");
        Assert.That(ledger.Sockets, Is.EqualTo(3));
    }

    [Test]
    public void Closed_OneOfTwoFromSameIp_KeepsTheOtherCounted()
    {
        var ledger = Admitted(new ConnectionLedger(maxConnections: 10, maxConnectionsPerIp: 2, maxPendingHandshakes: 10), 3);
        using var first = Connection(A);
        using var second = Connection(A);
        ledger.TryUpgrade(A);
        ledger.Opened(first);
        ledger.TryUpgrade(A);
        ledger.Opened(second);

        ledger.Closed(first);

        Assert.That(ledger.OpenConnections(), Is.EqualTo(new[] { second }));
        Assert.That(ledger.TryUpgrade(A), Is.Null);
        Assert.That(ledger.TryUpgrade(B), Is.Null, "the third admitted socket upgrades from another address");
    }

    [Test]
    public void BeginShutdown_OpenAndLater_SnapshotHoldsTheOpenOneAndTheLaterIsRefused()
    {
        var ledger = Admitted(new ConnectionLedger(maxConnections: 10, maxConnectionsPerIp: 10, maxPendingHandshakes: 10), 2);
        using var early = Connection(A);
        using var late = Connection(B);
        ledger.TryUpgrade(A);
        Assert.That(ledger.Opened(early), Is.True);
        ledger.TryUpgrade(B);

        var snapshot = ledger.BeginShutdown();

        Assert.That(snapshot, Is.EqualTo(new[] { early }));
        Assert.That(ledger.Opened(late), Is.False, "opened after the snapshot: its opener closes it for shutdown");
        Assert.That(ledger.Drained.IsCompleted, Is.False);
        ledger.Closed(early);
        ledger.Closed(late);
        Assert.That(ledger.Drained.IsCompleted, Is.True, "the last socket's end completes the drain");
    }

    [Test]
    public void BeginShutdown_NoSockets_DrainedAtOnce()
    {
        var ledger = new ConnectionLedger(maxConnections: 1, maxConnectionsPerIp: 1, maxPendingHandshakes: 1);
        ledger.TryAdmit();
        ledger.HandshakeEnded();

        ledger.BeginShutdown();

        Assert.That(ledger.Drained.IsCompleted, Is.True);
    }

    private static ConnectionLedger Admitted(ConnectionLedger ledger, int sockets)
    {
        for (var i = 0; i < sockets; i++)
        {
            Assert.That(ledger.TryAdmit(), Is.True);
        }

        return ledger;
    }

    private static WebSocketConnection Connection(IPAddress ip)
    {
        var stream = new ConnectionStream(new MemoryStream(), [], TimeProvider.System);
        var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var services = new ConnectionServices(65536, 1 << 20, TimeSpan.FromSeconds(10), TimeProvider.System);
        return new WebSocketConnection(1, ws, stream, ip, EndpointKind.Room, "", services, new LoggerConfiguration().CreateLogger(), openedAt: 0);
    }
}
