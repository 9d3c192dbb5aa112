using System.IO.Compression;
using System.Text.RegularExpressions;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// `make deb` and the package it builds (<see cref="DebPackage.BuildAsync"/>, once for the
/// fixture). Installing it is in DebPackageTests.Install.cs.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class DebPackageTests
{
    private const string Executable = "-rwxr-xr-x";
    private const string Readable = "-rw-r--r--";
    private const string RootOnly = "-rw-r-----";

    /// <summary>Overrides for what only the self-contained binary carries (the .NET runtime).</summary>
    private static readonly string[] SelfContainedOnly =
    [
        "unused-override embedded-library zlib",
        "unused-override spelling-error-in-binary",
    ];

    private DirectoryInfo _work = null!;
    private string _binary = null!;
    private string _deb = null!;

    [OneTimeSetUp]
    public async Task BuildAsync()
    {
        _work = Directory.CreateTempSubdirectory("homecall-deb-");
        (_binary, _deb) = await DebPackage.BuildAsync(_work.FullName);
    }

    [OneTimeTearDown]
    public void Clean() => _work?.Delete(recursive: true);

    [Test]
    public async Task Deb_Contents_EveryFileWithItsModeOwnedByRoot()
    {
        var expected = new Dictionary<string, string>
        {
            ["usr/bin/homecall"] = Executable,
            ["lib/systemd/system/homecall.service"] = Readable,
            ["usr/lib/sysusers.d/homecall.conf"] = Readable,
            ["usr/lib/tmpfiles.d/homecall.conf"] = Readable,
            ["etc/homecall/homecall.env"] = RootOnly,
            ["usr/share/man/man1/homecall.1.gz"] = Readable,
            ["usr/share/man/man5/homecall.env.5.gz"] = Readable,
            ["usr/share/doc/homecall/deploy.md"] = Readable,
            ["usr/share/doc/homecall/homecall.env.example"] = Readable,
            ["usr/share/doc/homecall/copyright"] = Readable,
            ["usr/share/doc/homecall/changelog.gz"] = Readable,
            ["usr/share/lintian/overrides/homecall"] = Readable,
        };
        foreach (var sample in ProxySamples.ByInstalledName())
        {
            expected["usr/share/doc/homecall/" + sample.Key] = Readable;
        }

        var listing = await ProcessRunner.RunAsync("dpkg-deb", ["--contents", _deb]);

        Assert.That(listing.ExitCode, Is.Zero, listing.Output);
        var entries = listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.That(entries.Select(e => e[1]), Is.All.EqualTo("root/root"));
        var files = entries.Where(e => !e[0].StartsWith('d')).ToDictionary(e => e[^1].TrimStart('.', '/'), e => e[0]);
        Assert.That(files, Is.EquivalentTo(expected));
    }

    [Test]
    public async Task Deb_Control_VersionOfTheBinaryArchitectureOfDpkgMaintainerOfTheRepo()
    {
        var version = await ProcessRunner.RunAsync(_binary, ["--version"]);
        var architecture = await ProcessRunner.RunAsync("dpkg", ["--print-architecture"]);
        var author = await ProcessRunner.RunAsync("git", ["-C", RepoPaths.Root, "log", "-1", "--format=%an <%ae>"]);

        Assert.That(await FieldAsync("Package"), Is.EqualTo("homecall"));
        Assert.That("homecall " + await FieldAsync("Version"), Is.EqualTo(version.Output.Trim()));
        Assert.That(await FieldAsync("Architecture"), Is.EqualTo(architecture.Output.Trim()));
        Assert.That(await FieldAsync("Maintainer"), Is.EqualTo(author.Output.Trim()));
        Assert.That(Path.GetFileName(_deb), Is.EqualTo($"homecall_{await FieldAsync("Version")}_{architecture.Output.Trim()}.deb"));
        var conffiles = await ProcessRunner.RunAsync("dpkg-deb", ["--info", _deb, "conffiles"]);
        Assert.That(conffiles.Output.Trim(), Is.EqualTo("/etc/homecall/homecall.env"));
    }

    [Test]
    public async Task Deb_ExtractedFiles_ManPagesFromTheBinaryUnitWithPackagePathsSamplesAsInTheRepo()
    {
        var root = Path.Combine(_work.FullName, "extracted-" + Guid.NewGuid().ToString("N"));
        var extract = await ProcessRunner.RunAsync("dpkg-deb", ["--extract", _deb, root]);
        Assert.That(extract.ExitCode, Is.Zero, extract.Output);

        var page = await ProcessRunner.RunAsync(_binary, ["man", "homecall.env"]);
        Assert.That(Gunzip(Path.Combine(root, "usr/share/man/man5/homecall.env.5.gz")), Is.EqualTo(page.Output));
        var unit = File.ReadAllLines(Path.Combine(root, "lib/systemd/system/homecall.service")).Where(l => !l.StartsWith('#')).ToArray();
        Assert.That(unit, Has.One.Match("^ExecStart=/usr/bin/homecall( |$)"));
        Assert.That(unit, Has.None.Contains("/usr/local/"));
        Assert.That(unit, Does.Contain("EnvironmentFile=/etc/homecall/homecall.env"));
        Assert.That(unit, Does.Contain("Documentation=file:/usr/share/doc/homecall/deploy.md"));
        Assert.That(File.Exists(Path.Combine(root, "usr/share/doc/homecall/deploy.md")), Is.True, "the unit's Documentation= must exist");
        Assert.That(File.ReadAllText(Path.Combine(root, "etc/homecall/homecall.env")), Is.EqualTo(File.ReadAllText(RepoPaths.File("homecall.env"))));
        foreach (var sample in ProxySamples.ByInstalledName())
        {
            Assert.That(File.ReadAllText(Path.Combine(root, "usr/share/doc/homecall", sample.Key)), Is.EqualTo(File.ReadAllText(sample.Value)), sample.Key);
        }
    }

    /// <summary>
    /// Lintian (Debian's package checker) finds nothing that is not overridden with its reason in
    /// packaging/deb/lintian-overrides. Two overrides describe only the self-contained binary
    /// (the runtime it carries), so with this test's binary they are reported as unused.
    /// </summary>
    [Test]
    public async Task Deb_Lintian_EveryTagOverriddenWithItsReason()
    {
        var lintian = SystemTools.Require("lintian", "lintian");

        var result = await ProcessRunner.RunAsync(lintian, ["--display-info", "--pedantic", "--fail-on", "error,warning", _deb]);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var hints = result.Output.Split('\n').Where(l => LintianHint().IsMatch(l));
        Assert.That(hints.Where(h => !SelfContainedOnly.Any(h.Contains)), Is.Empty, result.Output);
    }

    private static string Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    private async Task<string> FieldAsync(string name) =>
        (await ProcessRunner.RunAsync("dpkg-deb", ["--field", _deb, name])).Output.Trim();

    [GeneratedRegex("^[EWIPX]: ")]
    private static partial Regex LintianHint();
}
