using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Analysis;

/// <summary>What makes a run impossible to carry out; such a run ends in Error with the reason, never Successful.</summary>
public static class AnalysisRunValidator
{
    /// <summary>The first problem, or null.</summary>
    public static string? Validate(AnalysisRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var metrics = run.Spec?.Metrics ?? [];
        if (metrics.Count == 0)
        {
            return "the run has no metrics";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            if (string.IsNullOrEmpty(metric.Name))
            {
                return "a metric has no name";
            }

            if (!names.Add(metric.Name))
            {
                return $"metric {metric.Name} is defined twice";
            }

            if (!MetricSchedule.TryResolve(metric, out _, out var problem))
            {
                return problem;
            }

            var providers = (metric.Provider?.Prometheus is null ? 0 : 1) + (metric.Provider?.Web is null ? 0 : 1);
            if (providers != 1)
            {
                return $"metric {metric.Name}: exactly one provider (prometheus or web) is required";
            }

            if (MeasurementJudge.CheckConditions(metric) is { } condition)
            {
                return condition;
            }

            if (metric.FailureLimit is < -1 || metric.InconclusiveLimit is < 0 || metric.ConsecutiveErrorLimit is < 0)
            {
                return $"metric {metric.Name}: limits must not be negative (failureLimit may be -1)";
            }
        }

        return null;
    }
}
