using System.Text.RegularExpressions;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Manual;

namespace HomeCall.Daemon.Tests.Config;

/// <summary>The option table homecall(1) is made from agrees with the parser and with --help.</summary>
public sealed partial class CommandLineOptionsTests
{
    private static IEnumerable<CommandLineOption> Options => CommandLineOptions.All;

    private static IEnumerable<string> OptionNames => Options.Select(o => o.Name);

    private static readonly Dictionary<string, string[]> InviteArgs = new(StringComparer.Ordinal)
    {
        ["--user"] = ["invite", "garden", "--user", "alice"],
        ["--ttl"] = ["invite", "garden", "--ttl", "2h"],
        ["--create"] = ["invite", "garden", "--create", "3"],
        ["--base-url"] = ["invite", "garden", "--base-url", "wss://call.example.org/ws/"],
        ["--self-test"] = ["invite", "--self-test"],
        ["--check"] = ["invite", "--check", "x"],
    };

    [TestCaseSource(nameof(OptionNames))]
    public void Parse_EachDocumentedOption_Accepted(string name)
    {
        var option = Options.Single(o => o.Name == name);

        // --dialect belongs to fingerprint and checks its value, invite's own options to invite; the others take any text here.
        string[] args = option.Name == "--dialect" ? ["fingerprint", "garden", "--dialect", "mesh"]
            : InviteArgs.TryGetValue(option.Name, out var invite) ? invite
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
