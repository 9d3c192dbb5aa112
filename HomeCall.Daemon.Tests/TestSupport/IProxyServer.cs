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

    /// <summary>The config files for <paramref name="site"/>, by their name in its directory.</summary>
    IReadOnlyDictionary<string, string> Configs(ProxySite site);

    /// <summary>The arguments that run it in the foreground with those files.</summary>
    string[] Arguments(ProxySite site);
}
