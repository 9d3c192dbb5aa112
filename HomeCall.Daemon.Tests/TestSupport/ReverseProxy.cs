using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// A real TLS proxy (Apache, nginx or Caddy, see <see cref="IProxyServer"/>) in the foreground,
/// running its deploy/ sample from a temp dir: a fresh self-signed certificate, a free loopback
/// port, proxying to a backend on <c>backendPort</c>.
/// </summary>
internal sealed class ReverseProxy : IAsyncDisposable
{
    private const int PortAttempts = 5;
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(20);

    /// <summary>How long a SIGTERM may take before the process tree is killed (an Apache worker stuck in a tunnel).</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(3);

    private readonly IProxyServer _server;
    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly ConcurrentQueue<string> _output = new();

    private ReverseProxy(IProxyServer server, Process process, DirectoryInfo directory, int port, SelfSignedCertificate certificate)
    {
        _server = server;
        _process = process;
        _directory = directory;
        Port = port;
        Certificate = certificate;
        // Drained as it comes, so a chatty server never blocks on a full pipe.
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The program: apache2, nginx or caddy.</summary>
    public string Name => _server.Tool;

    public int Port { get; }

    public SelfSignedCertificate Certificate { get; }

    /// <summary>The server's log file, then what it printed.</summary>
    public string ErrorLog
    {
        get
        {
            var file = Path.Combine(_directory.FullName, _server.LogFile);
            return (File.Exists(file) ? File.ReadAllText(file) : "") + string.Join('\n', _output);
        }
    }

    public Uri Wss(string pathAndQuery) => new($"wss://127.0.0.1:{Port}{pathAndQuery}");

    public Uri Https(string pathAndQuery) => new($"https://127.0.0.1:{Port}{pathAndQuery}");

    /// <summary>An HTTPS client for plain GETs through the proxy.</summary>
    public HttpClient CreateHttpClient() => new(CreateHandler());

    /// <summary>A handler that trusts only this proxy's certificate and connects from <paramref name="source"/> (such as 127.0.0.2) when given.</summary>
    public SocketsHttpHandler CreateHandler(IPAddress? source = null)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => Certificate.Matches(certificate);
        if (source is not null)
        {
            handler.ConnectCallback = (context, token) => ConnectFromAsync(source, context.DnsEndPoint, token);
        }

        return handler;
    }

    /// <summary>Starts <paramref name="server"/> in front of 127.0.0.1:<paramref name="backendPort"/>; <paramref name="serverTimeout"/> and <paramref name="installedSamples"/> see <see cref="ProxySite"/>.</summary>
    public static async Task<ReverseProxy> StartAsync(IProxyServer server, int backendPort, TimeSpan? serverTimeout = null, string? installedSamples = null)
    {
        var executable = SystemTools.Require(server.Tool, server.Tool);
        var directory = Directory.CreateTempSubdirectory($"homecall-{server.Tool}-");
        var certificate = await SelfSignedCertificate.CreateAsync(directory.FullName);
        for (var attempt = 1; ; attempt++)
        {
            var site = new ProxySite(directory.FullName, FreePort.Next(), backendPort, certificate, serverTimeout, installedSamples);
            // A lost port race logs "address already in use": only this attempt's log decides.
            File.Delete(site.File(server.LogFile));
            var proxy = new ReverseProxy(server, Process.Start(await CommandAsync(executable, server, site))!, directory, site.Port, certificate);
            if (await proxy.WaitUntilListeningAsync())
            {
                return proxy;
            }

            var log = proxy.ErrorLog;
            proxy._process.Dispose();
            if (attempt == PortAttempts || !log.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                directory.Delete(recursive: true);
                throw new AssertionException($"{server.Tool} did not start: {log}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SystemTools.SignalAsync(_process.Id, "TERM");
            using var cts = new CancellationTokenSource(StopWait);
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        _directory.Delete(recursive: true);
    }

    /// <summary>Writes the server's configs and says how to run it.</summary>
    private static async Task<ProcessStartInfo> CommandAsync(string executable, IProxyServer server, ProxySite site)
    {
        foreach (var (name, text) in server.Configs(site))
        {
            await File.WriteAllTextAsync(site.File(name), text);
        }

        var info = new ProcessStartInfo(executable, server.Arguments(site))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Caddy keeps certificates and an autosaved config under these: in the temp dir, not the runner's home.
        foreach (var variable in new[] { "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME" })
        {
            info.Environment[variable] = site.Directory;
        }

        return info;
    }

    /// <summary>True when the port accepts connections; false when the server exited (a port race, or a config error).</summary>
    private async Task<bool> WaitUntilListeningAsync()
    {
        try
        {
            await Poll.UntilAsync(async () => _process.HasExited || await FreePort.AcceptsAsync(Port), done => done, StartWait);
        }
        catch (AssertionException)
        {
            _process.Kill(entireProcessTree: true);
            throw new AssertionException($"{_server.Tool} not listening within {StartWait}: {ErrorLog}");
        }

        if (_process.HasExited)
        {
            // Until the end of its output has been read too.
            await _process.WaitForExitAsync();
            return false;
        }

        return true;
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress source, DnsEndPoint target, CancellationToken token)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(target, token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
