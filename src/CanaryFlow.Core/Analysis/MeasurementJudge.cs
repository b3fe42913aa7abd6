using System.Collections.Concurrent;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Expressions;

namespace CanaryFlow.Core.Analysis;

/// <summary>
/// Judges one measured value by its metric's conditions (semantics §5): no condition passes; a success condition
/// alone fails when false; a failure condition alone fails when true; with both, failure wins, then success, and
/// neither holding is Inconclusive. Anything that goes wrong while judging is an Error measurement that says why:
/// never a pass. Every measurement keeps the value, the query and the condition that decided it.
/// </summary>
public static class MeasurementJudge
{
    private const int _maxCachedExpressions = 1024;

    // Templates hold few distinct conditions, and parsing on every measurement would redo the same work.
    private static readonly ConcurrentDictionary<string, ConditionExpression> _parsed = new(StringComparer.Ordinal);

    public static Measurement Judge(Metric metric, MetricData data, string shownQuery, DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(data);
        var measurement = new Measurement { StartedAt = MeasurementTime.Of(startedAt), FinishedAt = MeasurementTime.Of(finishedAt), Value = data.Display(), Query = shownQuery };
        var success = Present(metric.SuccessCondition);
        var failure = Present(metric.FailureCondition);
        if (success is null && failure is null)
        {
            return measurement with { Phase = AnalysisPhases.Successful };
        }

        try
        {
            var result = ExpressionValue.FromMetricData(data);
            if (failure is not null && Parse(failure).EvaluateCondition(result))
            {
                return measurement with { Phase = AnalysisPhases.Failed, Condition = Held("failureCondition", failure, true) };
            }

            if (success is null)
            {
                return measurement with { Phase = AnalysisPhases.Successful, Condition = Held("failureCondition", failure!, false) };
            }

            if (Parse(success).EvaluateCondition(result))
            {
                return measurement with { Phase = AnalysisPhases.Successful, Condition = Held("successCondition", success, true) };
            }

            return failure is null
                ? measurement with { Phase = AnalysisPhases.Failed, Condition = Held("successCondition", success, false) }
                : measurement with { Phase = AnalysisPhases.Inconclusive, Condition = $"neither successCondition {success} nor failureCondition {failure} is true" };
        }
        catch (ExpressionException e)
        {
            return measurement with { Phase = AnalysisPhases.Error, Message = $"the condition could not be evaluated: {e.Message}" };
        }
        catch (ArgumentException e)
        {
            // A value the language cannot hold (e.g. JSON nested deeper than its limit).
            return measurement with { Phase = AnalysisPhases.Error, Message = $"the value cannot be judged: {e.Message}" };
        }
    }

    /// <summary>A measurement that could not be taken (provider, secret or argument problem).</summary>
    public static Measurement Errored(string message, string? shownQuery, DateTimeOffset startedAt, DateTimeOffset finishedAt) =>
        new() { Phase = AnalysisPhases.Error, StartedAt = MeasurementTime.Of(startedAt), FinishedAt = MeasurementTime.Of(finishedAt), Query = shownQuery, Message = message };

    /// <summary>The first condition of the metric that does not parse, with its position; null when both parse.</summary>
    public static string? CheckConditions(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        foreach (var (field, text) in new[] { ("successCondition", metric.SuccessCondition), ("failureCondition", metric.FailureCondition) })
        {
            if (Present(text) is not { } condition)
            {
                continue;
            }

            ConditionExpression parsed;
            try
            {
                parsed = Parse(condition);
            }
            catch (ExpressionSyntaxException e)
            {
                return $"metric {metric.Name}: {field}: {e.Message}";
            }

            // A misspelt result would otherwise fail only at the first measurement, as an error rather than a typo.
            if (parsed.Variables.FirstOrDefault(v => v != ConditionExpression.ResultVariable) is { } unknown)
            {
                return $"metric {metric.Name}: {field}: unknown variable {unknown} (a condition can name only {ConditionExpression.ResultVariable})";
            }
        }

        return null;
    }

    private static string? Present(string? condition) => string.IsNullOrWhiteSpace(condition) ? null : condition;

    private static string Held(string field, string condition, bool value) => $"{field} {condition} is {(value ? "true" : "false")}";

    private static ConditionExpression Parse(string text)
    {
        if (_parsed.TryGetValue(text, out var parsed))
        {
            return parsed;
        }

        parsed = ConditionExpression.Parse(text);
        if (_parsed.Count >= _maxCachedExpressions)
        {
            _parsed.Clear();
        }

        _parsed[text] = parsed;
        return parsed;
    }
}
