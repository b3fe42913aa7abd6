using System.Text.RegularExpressions;
using CanaryFlow.Core.Expressions;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>
/// The language reaches nothing but the values it is given: names are variables or the fixed functions, fields are
/// map keys, and no text can name a .NET type, member, file or process. The step, length, nesting and size bounds
/// are in <see cref="ExpressionLimitsTests"/>.
/// </summary>
public sealed partial class ExpressionSandboxTests
{
    public static TheoryData<string, string> DotNetNames => new()
    {
        // Members of the .NET objects behind values are not fields.
        { "s.Length", "!TypeMismatch" },
        { "three.Count", "!TypeMismatch" },
        { "m.GetType", "!MissingField" },
        { "m.Count", "!MissingField" },
        { "m['Keys']", "!MissingField" },
        { "len(m) == 4 && 'ToString' in m", "false" },
        // Type and namespace names are just unknown variables.
        { "System.IO.File", "!UnknownVariable" },
        { "Environment", "!UnknownVariable" },
        { "AppDomain.CurrentDomain", "!UnknownVariable" },
    };

    [Theory]
    [MemberData(nameof(DotNetNames))]
    public void Dotnet_members_and_types_are_not_reachable(string expression, string expected) =>
        Assert.Equal(expected, Values.Outcome(expression, Values.Environment));

    [Theory]
    [InlineData("GetType()")]
    [InlineData("typeof(result)")]
    [InlineData("File.ReadAllText('/etc/passwd')")]
    [InlineData("result.GetType()")]
    [InlineData("Process.Start('sh')")]
    [InlineData("new Random()")]
    [InlineData("result = 1")]
    [InlineData("x => x")]
    public void Calls_outside_the_fixed_functions_do_not_parse(string expression) =>
        Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(expression));

    [Fact]
    public void The_evaluator_uses_no_reflection_io_clock_or_threads()
    {
        var directory = RepositoryRoot.File("src", "CanaryFlow.Core", "Expressions");
        var offences = Directory.EnumerateFiles(directory, "*.cs")
            .SelectMany(file => Forbidden().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetFileName(file)}: {m.Value}"))
            .ToList();

        Assert.NotEmpty(Directory.EnumerateFiles(directory, "*.cs"));
        Assert.Empty(offences);
    }

    [Fact]
    public void The_variables_a_condition_names_are_known_before_it_runs()
    {
        Assert.Equal(["result"], ConditionExpression.Parse("result[0] >= 0.95 && all(result, {# < 1})").Variables);
        Assert.Equal(["reslt", "result"], ConditionExpression.Parse("default(reslt, 0) < 5 || result == nil").Variables);
        Assert.Empty(ConditionExpression.Parse("1 < 2 && all([1], {# > 0})").Variables);
    }

    [Fact]
    public void A_misspelt_variable_is_an_error_even_under_default()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() =>
            ConditionExpression.Parse("default(reslt, 0) < 5").EvaluateCondition(ExpressionValue.FromNumbers(7)));

        Assert.Equal(ExpressionErrorKind.UnknownVariable, error.Kind);
        Assert.Equal("unknown variable 'reslt' at column 9: the variables are result", error.Message);
    }

    // Reflection, dynamic code, I/O, processes, the network, the clock and threads: none has a place in evaluating a
    // condition, and each would let a template do more than compute a bool.
    [GeneratedRegex(@"System\.Reflection|System\.IO|System\.Net|System\.Diagnostics\.Process|\bActivator\b|\bdynamic\b|\bType\.GetType\b|\.GetMethod\(|\.GetProperty\(|\.InvokeMember\(|\bAssembly\b|DateTime(Offset)?\.(Utc)?Now|\bStopwatch\b|TimeProvider|\bThread\b|Task\.Run|Environment\.")]
    private static partial Regex Forbidden();
}
