using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Config;

public sealed class ServiceEnvFileTests
{
    [Test]
    public void ForCheckConfig_NoEnvFileAndServiceFileExists_ReadsItAsTheService()
    {
        var request = ServiceEnvFile.ForCheckConfig(CommandLine.Parse(["--check-config"]), path => path == "/etc/homecall/homecall.env");

        Assert.That(request.EnvFile, Is.EqualTo("/etc/homecall/homecall.env"));
        Assert.That(request.AsService, Is.True);
    }

    [Test]
    public void ForCheckConfig_NoServiceFile_ReadsNoFile()
    {
        var request = ServiceEnvFile.ForCheckConfig(CommandLine.Parse(["--check-config"]), _ => false);

        Assert.That(request.EnvFile, Is.Null);
    }

    [Test]
    public void ForCheckConfig_EnvFileGivenOrDaemonRun_Unchanged()
    {
        var given = ServiceEnvFile.ForCheckConfig(CommandLine.Parse(["--check-config", "--env-file", "x.env"]), _ => true);
        var run = ServiceEnvFile.ForCheckConfig(CommandLine.Parse([]), _ => true);

        Assert.That(given.EnvFile, Is.EqualTo("x.env"));
        Assert.That(given.AsService, Is.False);
        Assert.That(run.EnvFile, Is.Null, "the daemon itself reads only what it is given");
    }

    [Test]
    public void UnitEnvironment_EqualsTheUnitsEnvironmentLines()
    {
        var unit = File.ReadAllLines(Path.Combine(RepoPaths.Root, "systemd", "homecall.service"));
        var lines = unit.Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
            .Select(l => l["Environment=".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);

        Assert.That(lines, Is.EquivalentTo(ServiceEnvFile.UnitEnvironment));
    }
}
