using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

public sealed class ReloadPlanTests
{
    [Test]
    public void Between_LiveSettingChanged_AppliedAndListed()
    {
        var running = new DaemonOptions { AllowedOrigins = ["https://a.example"] };

        var plan = ReloadPlan.Between(running, running with { AllowedOrigins = ["https://b.example"], LogLevel = "debug" });

        Assert.That(plan.Applied.AllowedOrigins, Is.EqualTo((string[])["https://b.example"]));
        Assert.That(plan.Applied.LogLevel, Is.EqualTo("debug"));
        Assert.That(plan.Live, Is.EqualTo(new[]
        {
            new SettingChange("ALLOWED_ORIGINS", "https://a.example", "https://b.example"),
            new SettingChange("LOG_LEVEL", "information", "debug"),
        }));
        Assert.That(plan.NeedRestart, Is.Empty);
    }

    [Test]
    public void Between_RestartSettingChanged_KeptAndListedAsNeedingRestart()
    {
        var running = new DaemonOptions();

        var plan = ReloadPlan.Between(running, running with { Port = 9000, LogDir = "/var/log/x", MaxConnections = 5 });

        Assert.That(plan.Applied.Port, Is.EqualTo(running.Port));
        Assert.That(plan.Applied.LogDir, Is.Empty);
        Assert.That(plan.Applied.MaxConnections, Is.EqualTo(5), "a limit is live");
        Assert.That(plan.NeedRestart.Select(c => c.Key), Is.EqualTo(new[] { "WS_PORT", "LOG_DIR" }));
        Assert.That(plan.NeedRestart[1], Is.EqualTo(new SettingChange("LOG_DIR", "(empty)", "/var/log/x")));
    }

    [Test]
    public void Between_SecretChanged_AppliedWithValuesMasked()
    {
        var running = new DaemonOptions { AdminToken = "old-secret" };

        var plan = ReloadPlan.Between(running, running with { AdminToken = "new-secret" });

        Assert.That(plan.Applied.AdminToken, Is.EqualTo("new-secret"));
        Assert.That(plan.Live.Single(), Is.EqualTo(new SettingChange("ADMIN_TOKEN", OptionsPrinter.Masked, OptionsPrinter.Masked)));
    }

    [Test]
    public void Between_NothingChanged_NothingListedAndSameOptions()
    {
        var running = new DaemonOptions { MaxRoomUsers = 3 };

        var plan = ReloadPlan.Between(running, running with { });

        Assert.That(plan.Live, Is.Empty);
        Assert.That(plan.NeedRestart, Is.Empty);
        Assert.That(plan.Applied, Is.SameAs(running));
    }

}
