using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>deploy/caddy/Caddyfile itself, unchanged, as an admin copies it: valid with automatic HTTPS, and formatted.</summary>
public sealed class CaddySampleTests
{
    private static readonly string Sample = RepoPaths.File("deploy", "caddy", "Caddyfile");

    [Test]
    public async Task Sample_CaddyValidate_ValidWithAutomaticHttps()
    {
        var home = Directory.CreateTempSubdirectory("homecall-caddy-validate-");
        try
        {
            // validate provisions the config (no certificate is fetched); its storage goes to the temp dir.
            var result = await ProcessRunner.RunAsync(SystemTools.Require("caddy", "caddy"), ["validate", "--config", Sample, "--adapter", "caddyfile"],
                environment: new Dictionary<string, string> { ["HOME"] = home.FullName, ["XDG_DATA_HOME"] = home.FullName, ["XDG_CONFIG_HOME"] = home.FullName });

            Assert.That(result.ExitCode, Is.Zero, result.Output);
            Assert.That(result.Output, Does.Contain("enabling automatic HTTP->HTTPS redirects").And.Contain("Valid configuration"));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Sample_CaddyFmt_AlreadyFormatted()
    {
        // Caddy warns on every start and reload of a file `caddy fmt` would change.
        var result = await ProcessRunner.RunAsync(SystemTools.Require("caddy", "caddy"), ["fmt", Sample]);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Is.EqualTo(await File.ReadAllTextAsync(Sample)));
    }
}
