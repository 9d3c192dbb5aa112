using System.Reflection;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// docs/security.md stays the catalogue of these tests: every catalogue case and every
/// other test of this folder has its row (or mention) there, so neither drifts.
/// </summary>
public sealed class SecurityDocTests
{
    private static readonly string Doc = File.ReadAllText(RepoPaths.File("docs", "security.md"));

    [Test]
    public void SecurityDoc_EveryCatalogueCase_HasARow()
    {
        var names = HandshakeCases.All.Select(c => $"`Handshake_{c.Name.Replace(' ', '_')}_{c.Status}`")
            .Concat(FrameCases.All.Select(c => $"`Frame_{c.Name.Replace(' ', '_')}_Closed{c.CloseStatus}`"))
            .Concat(MessageCatalogueTests.Cases.Select(c => "`" + c.TestName + "`"));

        Assert.That(names.Where(n => !Doc.Contains(n, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void SecurityDoc_EveryOtherHardeningTest_Mentioned()
    {
        var methods = typeof(SecurityDocTests).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(SecurityDocTests).Namespace && t != typeof(SecurityDocTests))
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes().Any(a => a is TestAttribute or TestCaseAttribute or FsCheck.NUnit.PropertyAttribute))
            .Select(m => m.Name)
            .Distinct();

        var missing = methods.Where(m => !Doc.Contains(m, StringComparison.Ordinal)).ToArray();
        Assert.That(missing, Is.Empty, string.Join(", ", missing));
    }
}
