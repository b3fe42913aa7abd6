using System.Text.Json.Nodes;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Tests.AnalysisRuns;

public sealed class MeasurementJudgeTests
{
    private static readonly DateTimeOffset _at = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static Metric Metric(string? success = null, string? failure = null) => new()
    {
        Name = "error-rate",
        SuccessCondition = success,
        FailureCondition = failure,
        Provider = new MetricProvider { Prometheus = new PrometheusMetric { Address = "http://prometheus:9090", Query = "q" } },
    };

    private static Measurement Judge(Metric metric, MetricData data) => MeasurementJudge.Judge(metric, data, "rate(errors[1m])", _at, _at.AddMilliseconds(40));

    // Semantics §5: the outcome of a measurement for every combination of conditions.
    [Theory]
    [InlineData(null, null, 0.2, "Successful", null)]
    [InlineData("result[0] < 0.05", null, 0.01, "Successful", "successCondition result[0] < 0.05 is true")]
    [InlineData("result[0] < 0.05", null, 0.2, "Failed", "successCondition result[0] < 0.05 is false")]
    [InlineData(null, "result[0] > 0.05", 0.2, "Failed", "failureCondition result[0] > 0.05 is true")]
    [InlineData(null, "result[0] > 0.05", 0.01, "Successful", "failureCondition result[0] > 0.05 is false")]
    [InlineData("result[0] < 0.01", "result[0] > 0.05", 0.001, "Successful", "successCondition result[0] < 0.01 is true")]
    [InlineData("result[0] < 0.01", "result[0] > 0.05", 0.2, "Failed", "failureCondition result[0] > 0.05 is true")]
    [InlineData("result[0] < 0.01", "result[0] > 0.05", 0.03, "Inconclusive", "neither successCondition result[0] < 0.01 nor failureCondition result[0] > 0.05 is true")]
    [InlineData("result[0] < 1", "result[0] > 0", 0.5, "Failed", "failureCondition result[0] > 0 is true")]
    public void The_outcome_follows_the_conditions_and_names_the_deciding_one(string? success, string? failure, double value, string phase, string? condition)
    {
        var measurement = Judge(Metric(success, failure), new VectorData([value]));

        Assert.Equal(phase, measurement.Phase);
        Assert.Equal(condition, measurement.Condition);
        Assert.Equal($"[{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", measurement.Value);
        Assert.Equal("rate(errors[1m])", measurement.Query);
        Assert.Equal(_at, measurement.StartedAt);
        Assert.Equal(_at.AddMilliseconds(40), measurement.FinishedAt);
        Assert.Null(measurement.Message);
    }

    [Fact]
    public void A_condition_that_cannot_be_evaluated_is_an_error_that_says_why_never_a_pass()
    {
        // result[1] of a one-element vector: index out of range.
        var measurement = Judge(Metric(success: "result[1] < 0.05"), new VectorData([0.01]));

        Assert.Equal(AnalysisPhases.Error, measurement.Phase);
        Assert.StartsWith("the condition could not be evaluated: ", measurement.Message, StringComparison.Ordinal);
        Assert.Equal("[0.01]", measurement.Value);
    }

    [Fact]
    public void A_condition_that_gives_no_bool_is_an_error()
    {
        var measurement = Judge(Metric(failure: "result[0] + 1"), new VectorData([0.5]));

        Assert.Equal(AnalysisPhases.Error, measurement.Phase);
        Assert.Contains("true or false", measurement.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_fails_a_success_condition_unless_the_condition_allows_it()
    {
        Assert.Equal(AnalysisPhases.Failed, Judge(Metric(success: "result[0] < 0.05"), new VectorData([double.NaN])).Phase);
        Assert.Equal(AnalysisPhases.Successful, Judge(Metric(success: "result[0] < 0.05 || isNaN(result[0])"), new VectorData([double.NaN])).Phase);
        Assert.Equal("[NaN]", Judge(Metric(), new VectorData([double.NaN])).Value);
    }

    [Fact]
    public void Every_result_shape_reaches_the_condition_as_result()
    {
        Assert.Equal(AnalysisPhases.Successful, Judge(Metric(success: "result >= 0.95"), new ScalarData(0.99)).Phase);
        Assert.Equal(AnalysisPhases.Successful, Judge(Metric(success: "all(result, {# < 0.5})"), new VectorData([0.1, 0.2, 0.3])).Phase);
        Assert.Equal(AnalysisPhases.Failed, Judge(Metric(success: "all(result, {# < 0.5})"), new VectorData([0.1, 0.7])).Phase);
        Assert.Equal(AnalysisPhases.Successful, Judge(Metric(success: "len(result) == 2 && result[1][0] == 3"), new MatrixData([[1, 2], [3]])).Phase);
        Assert.Equal(AnalysisPhases.Successful, Judge(Metric(success: "result == 'ok'"), new TextData("ok")).Phase);
        Assert.Equal(AnalysisPhases.Successful, Judge(Metric(success: "result.ok == true && result.latency < 200"), new JsonData(JsonNode.Parse("""{"ok":true,"latency":120}"""))).Phase);
    }

    [Fact]
    public void An_error_measurement_keeps_the_message_and_the_query()
    {
        var measurement = MeasurementJudge.Errored("no data: the query returned no series", "sum(x)", _at, _at.AddSeconds(1));

        Assert.Equal(AnalysisPhases.Error, measurement.Phase);
        Assert.Equal("no data: the query returned no series", measurement.Message);
        Assert.Equal("sum(x)", measurement.Query);
        Assert.Null(measurement.Value);
    }

    [Fact]
    public void A_syntax_error_in_a_condition_makes_the_run_invalid_and_names_the_position()
    {
        var run = new AnalysisRun { Spec = new AnalysisRunSpec { Metrics = [Metric(success: "result[0] < ")] } };

        var problem = AnalysisRunValidator.Validate(run);

        Assert.NotNull(problem);
        Assert.StartsWith("metric error-rate: successCondition: ", problem, StringComparison.Ordinal);
        Assert.Contains("column", problem, StringComparison.Ordinal);
        var decision = AnalysisRunDecider.Decide(run, _at);
        Assert.Equal(AnalysisPhases.Error, decision.Status.Phase);
        Assert.Empty(decision.Due);
    }

    [Fact]
    public void A_condition_naming_anything_but_result_is_refused_before_any_measurement()
    {
        var problem = MeasurementJudge.CheckConditions(Metric(failure: "reslt[0] > 0.05"));

        Assert.Equal("metric error-rate: failureCondition: unknown variable reslt (a condition can name only result)", problem);
        Assert.Null(MeasurementJudge.CheckConditions(Metric(success: "all(result, {# < 0.5})", failure: "len(result) == 0")));
    }
}
