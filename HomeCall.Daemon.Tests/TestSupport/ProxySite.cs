namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// One test proxy's setting: its temp directory, the loopback port it listens on, the
/// daemon's port, its certificate, and optionally a short server-wide timeout standing in
/// for the proxy's default one (which the sample must override, or outlive, for quiet tunnels).
/// The sample comes from the checkout's deploy/, or from where a package installed it
/// (<paramref name="InstalledSamples"/>, /usr/share/doc/homecall, as DIR-FILE).
/// </summary>
internal sealed record ProxySite(string Directory, int Port, int BackendPort, SelfSignedCertificate Certificate, TimeSpan? ServerTimeout, string? InstalledSamples = null)
{
    public string File(string name) => Path.Combine(Directory, name);

    /// <summary>The sample deploy/<paramref name="proxy"/>/<paramref name="name"/>, or its installed copy.</summary>
    public string Sample(string proxy, string name) =>
        InstalledSamples is { } installed ? Path.Combine(installed, proxy + "-" + name) : RepoPaths.File("deploy", proxy, name);

    /// <summary>The server timeout in whole seconds, as the configs write it.</summary>
    public int? ServerTimeoutSeconds => ServerTimeout is { } timeout ? (int)timeout.TotalSeconds : null;
}
