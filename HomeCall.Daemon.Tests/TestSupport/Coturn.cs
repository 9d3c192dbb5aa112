using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Debian's coturn (`turnserver`) in the foreground on 127.0.0.1, set up as docs/turn.md tells an
/// admin to (use-auth-secret, static-auth-secret, realm) but loopback only: no TLS, relays on
/// 127.0.0.1 and loopback peers allowed (coturn refuses them by default, and in the tests both
/// ends of a relayed call are on loopback). The port is picked free and retried when lost.
/// </summary>
internal sealed class Coturn : IAsyncDisposable
{
    public const string Realm = "homecall.test";

    private const int PortAttempts = 5;

    /// <summary>Relay ports per server: a test makes a handful of allocations.</summary>
    private const int RelayPortCount = 200;

    private const int LowestRelayPort = 20000;
    private const int HighestRelayPort = 60000;

    /// <summary>coturn answers within a second; 20 s leaves room for a loaded 2-core machine.</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly ConcurrentQueue<string> _output;

    private Coturn(Process process, DirectoryInfo directory, int port, ConcurrentQueue<string> output)
    {
        _process = process;
        _directory = directory;
        _output = output;
        Port = port;
    }

    public int Port { get; }

    public IPEndPoint Endpoint => new(IPAddress.Loopback, Port);

    /// <summary>The URL an admin would put in TURN_URLS for this server.</summary>
    public string UdpUrl => $"turn:127.0.0.1:{Port}?transport=udp";

    /// <summary>What coturn logged (for failure messages).</summary>
    public string Log => string.Join('\n', _output);

    public static async Task<Coturn> StartAsync(string secret)
    {
        var turnserver = SystemTools.Require("turnserver", "coturn");
        var directory = Directory.CreateTempSubdirectory("homecall-coturn-");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeTcpAndUdpPort();
            var config = Path.Combine(directory.FullName, "turnserver.conf");
            await File.WriteAllTextAsync(config, Config(directory.FullName, port, secret));
            var output = new ConcurrentQueue<string>();
            var process = new Process { StartInfo = new ProcessStartInfo(turnserver, ["-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false } };
            process.OutputDataReceived += (_, e) => Keep(output, e.Data);
            process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var coturn = new Coturn(process, directory, port, output);
            if (await coturn.WaitUntilAnsweringAsync())
            {
                return coturn;
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            if (attempt == PortAttempts)
            {
                directory.Delete(recursive: true);
                throw new AssertionException($"turnserver did not answer on 127.0.0.1:{port} within {StartWait.TotalSeconds} s: " + coturn.Log);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Delete(recursive: true);
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    /// <summary>turnserver.conf as docs/turn.md writes it, narrowed to loopback for the tests (turnserver(8)).</summary>
    private static string Config(string directory, int port, string secret)
    {
        var minPort = Random.Shared.Next(LowestRelayPort, HighestRelayPort - RelayPortCount);
        return string.Join('\n',
        [
            "listening-ip=127.0.0.1",
            "relay-ip=127.0.0.1",
            $"listening-port={port}",
            $"min-port={minPort}",
            $"max-port={minPort + RelayPortCount}",
            "use-auth-secret",
            $"static-auth-secret={secret}",
            $"realm={Realm}",
            "no-tls",
            "no-dtls",
            "no-cli",
            "allow-loopback-peers",
            "fingerprint",
            "simple-log",
            "log-file=stdout",
            $"pidfile={Path.Combine(directory, "turnserver.pid")}",
            $"userdb={Path.Combine(directory, "turndb")}",
            "",
        ]);
    }

    /// <summary>A loopback port free for both TCP and UDP a moment ago (coturn listens on both).</summary>
    private static int FreeTcpAndUdpPort()
    {
        while (true)
        {
            var port = FreePort.Next();
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }
    }

    /// <summary>True once the server answers STUN on its port; false when it exited or never answered (a port race).</summary>
    private async Task<bool> WaitUntilAnsweringAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartWait)
        {
            if (_process.HasExited)
            {
                return false;
            }

            if (await TurnClient.AnswersBindingAsync(Endpoint))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => "coturn on 127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);
}
