using System.Text.RegularExpressions;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Manual;

namespace HomeCall.Daemon.Tests.Config;

/// <summary>The option table homecall(1) is made from agrees with the parser and with --help.</summary>
public sealed partial class CommandLineOptionsTests
{
    private static IEnumerable<CommandLineOption> Options => CommandLineOptions.All;

    private static IEnumerable<string> OptionNames => Options.Select(o => o.Name);

    [TestCaseSource(nameof(OptionNames))]
    public void Parse_EachDocumentedOption_Accepted(string name)
    {
        var option = Options.Single(o => o.Name == name);

        // --dialect belongs to fingerprint and checks its value; the others take any text here.
        string[] args = option.Name == "--dialect" ? ["fingerprint", "garden", "--dialect", "mesh"]
            : option.Argument is null ? [option.Name] : [option.Name, "x"];

        var request = CommandLine.Parse(args);

        Assert.That(request.Errors, Is.Empty);
    }

    [Test]
    public void UsageSynopsis_Options_AreExactlyTheDocumentedOnes() =>
        Assert.That(
            LongOption().Matches(UsageText.Synopsis).Select(m => m.Value).Distinct(),
            Is.EquivalentTo(Options.Select(o => o.Name)));

    [GeneratedRegex("--[a-z][a-z-]*")]
    private static partial Regex LongOption();
}
