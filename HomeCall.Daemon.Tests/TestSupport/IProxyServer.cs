using System.Diagnostics;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// What differs between the TLS proxies the deploy/ samples are for (Apache, nginx, Caddy):
/// the program, and the config around the real sample that runs it from a temp dir on a
/// loopback port. Starting, waiting, clients and stopping are <see cref="ReverseProxy"/>'s.
/// </summary>
internal interface IProxyServer
{
    /// <summary>The program, also the name of the Debian package that installs it.</summary>
    string Tool { get; }

    /// <summary>The file in the site's directory the generated config logs to.</summary>
    string LogFile { get; }

    /// <summary>Writes the config for <paramref name="site"/> into its directory; returns the command that runs the server in the foreground.</summary>
    Task<ProcessStartInfo> PrepareAsync(string executable, ProxySite site);
}
