using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CanaryFlow.Core.Expressions;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>
/// docs/expressions.md is what users read: its examples, function list, limits and grammar must be what the code
/// does, so these tests read the document itself.
/// </summary>
public sealed partial class ExpressionDocsTests
{
    private static readonly string _guide = File.ReadAllText(RepositoryRoot.File("docs", "expressions.md"));

    public static TheoryData<string, string, string> Examples
    {
        get
        {
            var rows = new TheoryData<string, string, string>();
            foreach (var line in Section("Examples").Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal)))
            {
                var cells = Cells(line);
                // The header names its columns without backticks.
                if (cells[1].StartsWith('`'))
                {
                    rows.Add(Unquote(cells[0]), Unquote(cells[1]), cells[2]);
                }
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_examples_give_what_the_guide_says(string result, string condition, string gives)
    {
        // JSON for a web provider's value; otherwise an expression value, with +Inf and NaN as the guide writes them.
        var value = result.StartsWith('{')
            ? ExpressionValue.FromJson(JsonNode.Parse(result))
            : Values.Read(result.Replace("+Inf", "Inf", StringComparison.Ordinal));

        string outcome;
        try
        {
            outcome = ConditionExpression.Parse(condition).EvaluateCondition(value) ? "true" : "false";
        }
        catch (ExpressionEvaluationException error)
        {
            outcome = $"error: {error.Kind}";
        }

        Assert.Equal(gives, outcome);
    }

    [Fact]
    public void There_are_examples_of_every_outcome()
    {
        var outcomes = Examples.Select(row => (string)row[2]).ToHashSet();

        Assert.Contains("true", outcomes);
        Assert.Contains("false", outcomes);
        Assert.Contains(outcomes, outcome => outcome.StartsWith("error: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_yaml_condition_in_the_guide_parses()
    {
        var conditions = ConditionLine().Matches(_guide).Select(m => m.Groups[1].Value.Trim()).ToList();

        Assert.NotEmpty(conditions);
        Assert.All(conditions, condition => ConditionExpression.Parse(condition));
    }

    [Fact]
    public void The_function_table_lists_exactly_the_functions()
    {
        var documented = Section("Functions").Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => FunctionName().Match(line).Groups[1].Value)
            .Order(StringComparer.Ordinal);

        Assert.Equal(FunctionCatalog.Names, documented);
    }

    [Fact]
    public void The_limits_table_gives_the_limits_of_the_code()
    {
        var limits = Section("Limits");
        var defaults = ExpressionLimits.Default;

        Assert.Contains($"| text length | {ConditionExpression.MaxLength} characters |", limits, StringComparison.Ordinal);
        Assert.Contains($"| {ConditionExpression.MaxNestingDepth} levels", limits, StringComparison.Ordinal);
        Assert.Contains($"| {defaults.MaxSteps.ToString("N0", CultureInfo.InvariantCulture)}: ", limits, StringComparison.Ordinal);
        Assert.Contains($"| {defaults.MaxListLength.ToString("N0", CultureInfo.InvariantCulture)} elements |", limits, StringComparison.Ordinal);
        Assert.Contains($"| {defaults.MaxStringLength.ToString("N0", CultureInfo.InvariantCulture)} characters |", limits, StringComparison.Ordinal);
        Assert.Contains($"| {ExpressionValue.MaxNestingDepth} levels |", limits, StringComparison.Ordinal);
    }

    [Fact]
    public void The_grammar_is_the_one_in_the_code()
    {
        var source = File.ReadAllText(RepositoryRoot.File("src", "CanaryFlow.Core", "Expressions", "ConditionExpression.cs"));
        var inCode = WebUtility.HtmlDecode(string.Join('\n', CodeGrammar().Match(source).Groups[1].Value
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().TrimStart('/').TrimStart(' '))
            .Select(line => line.StartsWith('|') ? "               " + line : line)));
        var inGuide = GuideGrammar().Match(Section("Grammar")).Groups[1].Value.TrimEnd('\n');

        Assert.Equal(inGuide, inCode);
    }

    [Fact]
    public void The_syntax_error_shown_in_the_guide_is_what_the_parser_says()
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse("result[0] >= )"));

        Assert.Contains($"```text\n{error.Message}\n{error.Excerpt}\n```", _guide, StringComparison.Ordinal);
    }

    private static string Section(string heading)
    {
        var start = _guide.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/expressions.md has no section '{heading}'");
        var end = _guide.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? _guide[start..] : _guide[start..end];
    }

    // Cells of a Markdown table row; "\|" is a '|' inside a cell.
    private static string[] Cells(string row) =>
        [.. CellSplit().Split(row.Trim().Trim('|')).Select(cell => cell.Replace("\\|", "|", StringComparison.Ordinal).Trim())];

    private static string Unquote(string cell) => cell.Trim('`');

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSplit();

    [GeneratedRegex(@"^\s*(?:success|failure)Condition: (.+)$", RegexOptions.Multiline)]
    private static partial Regex ConditionLine();

    [GeneratedRegex(@"^\| `(\w+)\(")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"/// <code>\n(.*?)/// </code>", RegexOptions.Singleline)]
    private static partial Regex CodeGrammar();

    [GeneratedRegex(@"```text\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex GuideGrammar();
}
