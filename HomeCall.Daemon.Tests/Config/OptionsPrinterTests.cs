using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

public sealed class OptionsPrinterTests
{
    [Test]
    public void Describe_AnyOptions_ListsEverySettingKeyInOrder()
    {
        var keys = OptionsPrinter.Describe(new DaemonOptions()).Select(kv => kv.Key);

        Assert.That(keys, Is.EqualTo(SettingKeys.All));
    }

    [Test]
    public void Render_AdminTokenSet_MasksIt()
    {
        var text = OptionsPrinter.Render(new DaemonOptions { AdminToken = "hunter2-very-secret" });

        Assert.That(text, Does.Contain("\nADMIN_TOKEN=" + OptionsPrinter.Masked + "\n"));
        Assert.That(text, Does.Not.Contain("hunter2"));
    }

    [Test]
    public void Render_AdminTokenEmpty_ShowsItEmpty()
    {
        Assert.That(OptionsPrinter.Render(new DaemonOptions()), Does.Contain("\nADMIN_TOKEN=\n"));
    }

    [Test]
    public void Render_Defaults_ShowsValuesInEnvFileSyntax()
    {
        var text = OptionsPrinter.Render(new DaemonOptions { AllowedOrigins = ["https://a.example", "https://b.example"] });

        Assert.That(text, Does.StartWith("WS_HOST=127.0.0.1\nWS_PORT=8080\n"));
        Assert.That(text, Does.Contain("\nPING_INTERVAL_MS=25000\n"));
        Assert.That(text, Does.Contain("\nALLOWED_ORIGINS=https://a.example,https://b.example\n"));
        Assert.That(text, Does.Contain("\nTRUSTED_PROXIES=\n"));
        Assert.That(text, Does.Contain("\nERROR_LANGUAGE=auto\n"));
        Assert.That(text, Does.EndWith("LOG_LEVEL=information\n"));
    }

    [Test]
    public void Render_Output_ReadsBackToTheSameOptions()
    {
        // --check-config output can be pasted into an env file (the token aside).
        var options = new DaemonOptions { Port = 9, ErrorLanguage = ErrorLanguage.English, RequireForwardedTls = true, SelfTestPage = false };

        var parsed = EnvFileParser.Parse(OptionsPrinter.Render(options));
        var bound = OptionsBinder.Bind(parsed.Values);

        Assert.That(parsed.Errors, Is.Empty);
        Assert.That(bound.Errors, Is.Empty);
        Assert.That(OptionsPrinter.Render(bound.Options), Is.EqualTo(OptionsPrinter.Render(options)));
    }
}
