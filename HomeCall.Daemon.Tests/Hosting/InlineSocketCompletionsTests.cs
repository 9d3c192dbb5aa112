using HomeCall.Daemon.Hosting;

namespace HomeCall.Daemon.Tests.Hosting;

[NonParallelizable]
public sealed class InlineSocketCompletionsTests
{
    private string? _saved;

    [SetUp]
    public void Save() => _saved = Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable);

    [TearDown]
    public void Restore() => Environment.SetEnvironmentVariable(InlineSocketCompletions.Variable, _saved);

    [Test]
    public void EnableUnlessSet_VariableUnset_SetsItToOne()
    {
        Environment.SetEnvironmentVariable(InlineSocketCompletions.Variable, null);

        InlineSocketCompletions.EnableUnlessSet();

        Assert.That(Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable), Is.EqualTo("1"));
    }

    [Test]
    public void EnableUnlessSet_AdministratorChoseZero_KeepsZero()
    {
        Environment.SetEnvironmentVariable(InlineSocketCompletions.Variable, "0");

        InlineSocketCompletions.EnableUnlessSet();

        Assert.That(Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable), Is.EqualTo("0"));
    }
}
