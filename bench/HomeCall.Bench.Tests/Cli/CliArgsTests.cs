using HomeCall.Bench.Cli;

namespace HomeCall.Bench.Tests.Cli;

public sealed class CliArgsTests
{
    private static readonly HashSet<string> Flags = ["insecure"];
    private static readonly string[] Misspelt = ["--pair"];

    [Test]
    public void Int_Given_ParsedAndMarkedRead()
    {
        var args = new CliArgs(["--pairs", "50", "--insecure"], Flags);
        Assert.Multiple(() =>
        {
            Assert.That(args.Int("pairs", 200, 1, 1000), Is.EqualTo(50));
            Assert.That(args.Flag("insecure"), Is.True);
            Assert.That(args.Unused, Is.Empty);
        });
    }

    [Test]
    public void Int_OutOfRange_ThrowsNamingTheOption()
    {
        var args = new CliArgs(["--pairs", "0"], Flags);
        Assert.That(() => args.Int("pairs", 200, 1, 1000), Throws.ArgumentException.With.Message.Contains("--pairs must be a whole number 1-1000"));
    }

    [Test]
    public void Unused_MisspeltOption_Listed()
    {
        var args = new CliArgs(["--pair", "5"], Flags);
        args.Int("pairs", 200, 1, 1000);
        Assert.That(args.Unused, Is.EqualTo(Misspelt));
    }

    [Test]
    public void Constructor_ValueMissing_Throws() =>
        Assert.That(() => new CliArgs(["--url"], Flags), Throws.ArgumentException.With.Message.Contains("--url needs a value"));
}
