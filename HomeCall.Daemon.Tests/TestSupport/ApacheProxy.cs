using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Debian's Apache httpd in the foreground, from a config generated in a temp dir that
/// Includes the real deploy/apache/homecall.conf unchanged: TLS with a fresh self-signed
/// certificate on a free loopback port, proxying to a backend on <c>backendPort</c>.
/// </summary>
internal sealed class ApacheProxy : IAsyncDisposable
{
    private const int PortAttempts = 5;
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(20);

    /// <summary>How long a SIGTERM may take before the process tree is killed (a worker stuck in a tunnel).</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(3);

    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private ApacheProxy(Process process, DirectoryInfo directory, int port, SelfSignedCertificate certificate)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Certificate = certificate;
    }

    public int Port { get; }

    public SelfSignedCertificate Certificate { get; }

    public string ErrorLog => File.ReadAllText(Path.Combine(_directory.FullName, "error.log"));

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

    /// <summary>Starts Apache in front of 127.0.0.1:<paramref name="backendPort"/>; <paramref name="timeout"/> sets Apache's global Timeout.</summary>
    public static async Task<ApacheProxy> StartAsync(int backendPort, TimeSpan? timeout = null)
    {
        var apache = SystemTools.Require("apache2", "apache2");
        var directory = Directory.CreateTempSubdirectory("homecall-apache-");
        var certificate = await SelfSignedCertificate.CreateAsync(directory.FullName);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var config = Path.Combine(directory.FullName, "httpd.conf");
            await File.WriteAllTextAsync(config, ApacheConfig.Render(directory.FullName, port, backendPort, certificate, timeout));
            var process = Process.Start(new ProcessStartInfo(apache, ["-f", config, "-DFOREGROUND"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var proxy = new ApacheProxy(process, directory, port, certificate);
            if (await proxy.WaitUntilListeningAsync())
            {
                return proxy;
            }

            var output = await process.StandardError.ReadToEndAsync() + proxy.ErrorLogOrEmpty();
            if (attempt == PortAttempts || !output.Contains("Address already in use", StringComparison.Ordinal))
            {
                directory.Delete(recursive: true);
                throw new AssertionException("apache2 did not start: " + output);
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

    /// <summary>True when the port accepts connections; false when apache2 exited (a port race, or a config error).</summary>
    private async Task<bool> WaitUntilListeningAsync()
    {
        try
        {
            await Poll.UntilAsync(async () => _process.HasExited || await FreePort.AcceptsAsync(Port), done => done, StartWait);
        }
        catch (AssertionException)
        {
            _process.Kill(entireProcessTree: true);
            throw new AssertionException($"apache2 not listening within {StartWait}: {ErrorLogOrEmpty()}");
        }

        return !_process.HasExited;
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

    private string ErrorLogOrEmpty() => File.Exists(Path.Combine(_directory.FullName, "error.log")) ? ErrorLog : "";
}
