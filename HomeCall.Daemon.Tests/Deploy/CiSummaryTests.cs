using System.Security;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// .ci/trx-summary, which .ci/run ends with, on hand-made TRX files: a skipped test fails the
/// run unless .ci/allowed-skips lists it with a reason; failures are named; the last line is
/// "N passed, N failed, N skipped" added up over every project's TRX.
/// </summary>
public sealed class CiSummaryTests
{
    private const string Class = "HomeCall.Daemon.Tests.Example.ExampleTests";

    private DirectoryInfo _dir = null!;

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("homecall-trx-");

    [TearDown]
    public void RemoveDir() => _dir.Delete(recursive: true);

    [Test]
    public async Task Summary_SkipNotAllowed_FailsNamingTheTestAndItsReason()
    {
        WriteTrx("results_a.trx", ("Passed", "Works", ""), ("NotExecuted", "NeedsTool", "promtool is not installed"));

        var result = await SummarizeAsync(allowed: null);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Output, Does.Contain($"skipped but not in").And.Contain(Class + ".NeedsTool").And.Contain("promtool is not installed"));
        Assert.That(LastLine(result), Is.EqualTo("1 passed, 0 failed, 1 skipped"));
    }

    [Test]
    public async Task Summary_SkipListedWithReason_Passes()
    {
        WriteTrx("results_a.trx", ("Passed", "Works", ""), ("NotExecuted", "NeedsTool", "promtool is not installed"));

        var result = await SummarizeAsync($"# comment\n\n{Class}.NeedsTool\tno promtool package for this architecture\n");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(LastLine(result), Is.EqualTo("1 passed, 0 failed, 1 skipped"));
    }

    [Test]
    public async Task Summary_AllowListLineWithoutReason_Fails()
    {
        WriteTrx("results_a.trx", ("Passed", "Works", ""), ("NotExecuted", "NeedsTool", "promtool is not installed"));

        var result = await SummarizeAsync($"{Class}.NeedsTool\n");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Output, Does.Contain("no reason given"));
    }

    [Test]
    public async Task Summary_InconclusiveAssumption_CountsAsSkipped()
    {
        WriteTrx("results_a.trx", ("Passed", "Works", ""), ("Inconclusive", "Assumes", "needs root"));

        var result = await SummarizeAsync(allowed: "");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(LastLine(result), Is.EqualTo("1 passed, 0 failed, 1 skipped"));
    }

    [Test]
    public async Task Summary_TwoProjectsWithAFailure_AddsUpAndNamesTheParameterizedFailure()
    {
        WriteTrx("results_a.trx", ("Passed", "One", ""), ("Failed", "Signal(\"TERM\",\"SIGTERM\")", "exit 1"));
        WriteTrx("results_b.trx", ("Passed", "Two", ""), ("Passed", "Three", ""));

        var result = await SummarizeAsync(allowed: null);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Output, Does.Contain($"ci: failed: {Class}.Signal(\"TERM\",\"SIGTERM\")"));
        Assert.That(LastLine(result), Is.EqualTo("3 passed, 1 failed, 0 skipped"));
    }

    [Test]
    public async Task Summary_NoResults_FailsWithCountsLine()
    {
        var result = await SummarizeAsync(allowed: null);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(LastLine(result), Does.Match(@"^\d+ passed, \d+ failed, \d+ skipped$"));
    }

    private async Task<ProcessResult> SummarizeAsync(string? allowed)
    {
        var list = Path.Combine(_dir.FullName, "allowed-skips");
        if (allowed is not null)
        {
            await File.WriteAllTextAsync(list, allowed);
        }

        return await ProcessRunner.RunAsync("bash", [RepoPaths.File(".ci", "trx-summary"), _dir.FullName, list], timeout: TimeSpan.FromSeconds(30));
    }

    private static string LastLine(ProcessResult result) => result.Output.TrimEnd('\n').Split('\n')[^1];

    /// <summary>A TRX as the vstest logger writes it: results first (by testId), then definitions naming class and method.</summary>
    private void WriteTrx(string file, params (string Outcome, string Method, string Message)[] tests)
    {
        var results = tests.Select((t, i) => $"""
                <UnitTestResult executionId="e{i}" testId="t{i}" testName="{Xml(t.Method)}" outcome="{t.Outcome}">
                  <Output>
                    <ErrorInfo>
                      <Message>{Xml(t.Message)}</Message>
                    </ErrorInfo>
                  </Output>
                </UnitTestResult>
            """);
        var definitions = tests.Select((t, i) => $"""
                <UnitTest name="{Xml(t.Method)}" storage="x.dll" id="t{i}">
                  <Execution id="e{i}" />
                  <TestMethod codeBase="x.dll" adapterTypeName="executor://nunit3testexecutor/" className="{Class}" name="{Xml(t.Method)}" />
                </UnitTest>
            """);
        File.WriteAllText(Path.Combine(_dir.FullName, file), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
            {string.Join('\n', results)}
              </Results>
              <TestDefinitions>
            {string.Join('\n', definitions)}
              </TestDefinitions>
            </TestRun>
            """);
    }

    private static string Xml(string text) => SecurityElement.Escape(text);
}
