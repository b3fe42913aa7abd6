using System.Text.Json.Nodes;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Expressions;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>
/// What <c>result</c> is for each shape a provider measures (docs/expressions.md, "What result is"), and how the
/// usual conditions read it.
/// </summary>
public class ProviderResultTests
{
    public static TheoryData<MetricData, string> Shapes => new()
    {
        { new ScalarData(0.5), "0.5" },
        { new ScalarData(double.NaN), "NaN" },
        { new ScalarData(double.NegativeInfinity), "-Inf" },
        { new VectorData([0.96]), "[0.96]" },
        { new VectorData([]), "[]" },
        { new VectorData([0.1, double.NaN, double.PositiveInfinity]), "[0.1, NaN, +Inf]" },
        { new MatrixData([[0.1, 0.2], [0.3]]), "[[0.1, 0.2], [0.3]]" },
        { new MatrixData([]), "[]" },
        { new TextData("1.5"), "\"1.5\"" },
        { new JsonData(JsonNode.Parse("""{"status": "green", "p99": 0.25, "pods": [1, 2], "ok": true, "none": null}""")), "{none: nil, ok: true, p99: 0.25, pods: [1, 2], status: \"green\"}" },
        { new JsonData(JsonNode.Parse("0.97")), "0.97" },
        { new JsonData(JsonNode.Parse("\"0.97\"")), "\"0.97\"" },
        { new JsonData(JsonNode.Parse("null")), "nil" },
        { new JsonData(null), "nil" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Each_shape_has_its_value(MetricData data, string expected) =>
        Assert.Equal(expected, ExpressionValue.FromMetricData(data).ToString());

    public static TheoryData<MetricData, string, string> Conditions => new()
    {
        // Prometheus scalar.
        { new ScalarData(0.005), "result < 0.01", "true" },
        { new ScalarData(double.NaN), "result < 0.01", "false" },
        { new ScalarData(double.NaN), "result < 0.01 || isNaN(result)", "true" },
        { new ScalarData(double.NaN), "result >= 0.01", "false" },
        { new ScalarData(3), "result[0] > 1", "!TypeMismatch" },
        // Prometheus instant vector: one sample per series.
        { new VectorData([0.96]), "result[0] >= 0.95", "true" },
        { new VectorData([0.96]), "result >= 0.95", "true" },
        { new VectorData([double.NaN]), "result[0] >= 0.95", "false" },
        { new VectorData([]), "result[0] >= 0.95", "!IndexOutOfRange" },
        { new VectorData([]), "len(result) == 0", "true" },
        { new VectorData([0.1, 0.4]), "all(result, {# < 0.5})", "true" },
        { new VectorData([0.1, 0.6]), "all(result, {# < 0.5})", "false" },
        { new VectorData([0.1, 0.4]), "result < 0.5", "!TypeMismatch" },
        { new VectorData([0.1, 0.4]), "max(result) < 0.5", "true" },
        // Prometheus range vector: a list of samples per series.
        { new MatrixData([[0.1, 0.2], [0.3]]), "len(result)", "2" },
        { new MatrixData([[0.1, 0.2], [0.3]]), "result[0][-1]", "0.2" },
        { new MatrixData([[0.1, 0.2], [0.3]]), "all(result, {max(#) < 0.5})", "true" },
        { new MatrixData([[0.1, 0.2], [0.3]]), "mean(map(result, {mean(#)}))", "0.225" },
        // A string result, or a web response that is not JSON.
        { new TextData("ok"), "result == 'ok'", "true" },
        { new TextData("1.5"), "asFloat(result) > 1", "true" },
        { new TextData("1.5"), "result > 1", "!TypeMismatch" },
        // A web provider's JSON.
        { new JsonData(JsonNode.Parse("""{"status": "green", "latency": {"p99": 0.25}}""")), "result.status == 'green' && result.latency.p99 < 0.5", "true" },
        { new JsonData(JsonNode.Parse("""{"status": "green"}""")), "result.latency.p99 < 0.5", "!MissingField" },
        { new JsonData(JsonNode.Parse("""{"status": "green"}""")), "default(result.errors, 0) == 0", "true" },
        { new JsonData(JsonNode.Parse("""{"a key": [1, 2]}""")), "result['a key'][1] == 2", "true" },
        { new JsonData(JsonNode.Parse("0.97")), "result >= 0.95", "true" },
        { new JsonData(JsonNode.Parse("\"0.97\"")), "asFloat(result) >= 0.95", "true" },
        { new JsonData(null), "isNil(result)", "true" },
        { new JsonData(null), "result > 1", "!TypeMismatch" },
        { new JsonData(null), "default(result, 0) < 5", "true" },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void The_usual_conditions_read_each_shape(MetricData data, string expression, string expected) =>
        Assert.Equal(expected, Values.Outcome(expression, Values.Result(ExpressionValue.FromMetricData(data))));

    [Fact]
    public void Json_values_built_in_code_convert_like_parsed_ones()
    {
        var node = new JsonObject
        {
            ["int"] = 42,
            ["long"] = 9_007_199_254_740_993L,
            ["decimal"] = 1.25m,
            ["nan"] = double.NaN,
            ["char"] = 'c',
            ["text"] = "t",
            ["flag"] = false,
            ["list"] = new JsonArray(1, "two", null),
        };

        Assert.Equal(
            "{char: \"c\", decimal: 1.25, flag: false, int: 42, list: [1, \"two\", nil], long: 9007199254740992, nan: NaN, text: \"t\"}",
            ExpressionValue.FromJson(node).ToString());
    }

    [Fact]
    public void Json_numbers_beyond_a_double_are_infinite() =>
        Assert.Equal("[+Inf, -Inf, 0]", ExpressionValue.FromJson(JsonNode.Parse("[1e400, -1e400, 1e-400]")).ToString());

    [Fact]
    public void Json_nested_too_deeply_is_refused_without_exhausting_the_stack()
    {
        var node = new JsonArray();
        for (var i = 0; i < 100_000; i++)
        {
            node = new JsonArray(node);
        }

        Assert.Throws<ArgumentException>(() => ExpressionValue.FromJson(node));
        Assert.Throws<ArgumentException>(() => ExpressionValue.FromMetricData(new JsonData(node)));
    }

    [Fact]
    public void Json_at_the_nesting_limit_is_accepted()
    {
        JsonNode node = 1;
        for (var i = 0; i < ExpressionValue.MaxNestingDepth; i++)
        {
            node = new JsonArray(node);
        }

        Assert.Equal(ExpressionValueKind.List, ExpressionValue.FromJson(node).Kind);
        Assert.Throws<ArgumentException>(() => ExpressionValue.FromJson(new JsonArray(node)));
    }

    [Fact]
    public void A_condition_evaluates_with_result_bound()
    {
        var condition = ConditionExpression.Parse("result[0] >= 0.95");

        Assert.True(condition.EvaluateCondition(ExpressionValue.FromMetricData(new VectorData([0.96]))));
        Assert.False(condition.EvaluateCondition(ExpressionValue.FromNumbers(0.94)));
        var error = Assert.Throws<ExpressionEvaluationException>(() => condition.EvaluateCondition(ExpressionValue.FromList()));
        Assert.Equal(ExpressionErrorKind.IndexOutOfRange, error.Kind);
    }
}
