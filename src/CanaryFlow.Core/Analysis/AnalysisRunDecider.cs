using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Analysis;

/// <summary>
/// The AnalysisRun's brain, pure like the Rollout's: from the run (spec and the measurements so far in its status) and
/// the time, which metrics are due, the phases, and the exact time the next measurement falls due. Measuring is the
/// controller's job; <see cref="Record"/> folds each result back in.
/// </summary>
public static class AnalysisRunDecider
{
    public const int DefaultRetention = 10;
    public const int DefaultConsecutiveErrorLimit = 4;

    public static AnalysisRunDecision Decide(AnalysisRun run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var status = run.Status ?? new AnalysisRunStatus();
        if (AnalysisPhases.IsCompleted(status.Phase))
        {
            return new AnalysisRunDecision([], status, null);
        }

        var metrics = run.Spec?.Metrics ?? [];
        if (AnalysisRunValidator.Validate(run) is { } problem)
        {
            return new AnalysisRunDecision([], status with { Phase = AnalysisPhases.Error, Message = problem, StartedAt = status.StartedAt ?? MeasurementTime.Of(now) }, null);
        }

        status = status with { StartedAt = status.StartedAt ?? MeasurementTime.Of(now) };
        var results = metrics.Select(m => Result(status, m.Name!) ?? new MetricResult { Name = m.Name, Phase = AnalysisPhases.Pending, DryRun = IsDryRun(run, m.Name!) ? true : null }).ToList();
        status = status with { MetricResults = results };
        if (run.Spec?.Terminate == true)
        {
            return new AnalysisRunDecision([], Finish(status, terminated: true), null);
        }

        var due = new List<Metric>();
        DateTimeOffset? next = null;
        foreach (var metric in metrics)
        {
            var result = Result(status, metric.Name!)!;
            if (AnalysisPhases.IsCompleted(result.Phase))
            {
                continue;
            }

            MetricSchedule.TryResolve(metric, out var schedule, out _);
            var at = NextMeasurement(status.StartedAt!.Value, schedule, result);
            if (at <= now)
            {
                due.Add(metric);
            }
            else if (next is null || at < next)
            {
                next = at;
            }
        }

        status = Finish(status, terminated: false);
        return AnalysisPhases.IsCompleted(status.Phase) ? new AnalysisRunDecision([], status, null) : new AnalysisRunDecision(due, status, next);
    }

    /// <summary>Adds a finished measurement of one metric: counts, retention, the metric's phase and the run's.</summary>
    public static AnalysisRunStatus Record(AnalysisRun run, AnalysisRunStatus status, Metric metric, Measurement measurement)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(measurement);
        var result = Result(status, metric.Name!) ?? new MetricResult { Name = metric.Name };
        var errored = measurement.Phase == AnalysisPhases.Error;
        var retention = Retention(run, metric.Name!);
        result = result with
        {
            Measurements = [.. (result.Measurements ?? []).Append(measurement).TakeLast(retention)],
            Count = (result.Count ?? 0) + (errored ? 0 : 1),
            Successful = (result.Successful ?? 0) + (measurement.Phase == AnalysisPhases.Successful ? 1 : 0),
            Failed = (result.Failed ?? 0) + (measurement.Phase == AnalysisPhases.Failed ? 1 : 0),
            Inconclusive = (result.Inconclusive ?? 0) + (measurement.Phase == AnalysisPhases.Inconclusive ? 1 : 0),
            Error = (result.Error ?? 0) + (errored ? 1 : 0),
            ConsecutiveError = errored ? (result.ConsecutiveError ?? 0) + 1 : 0,
        };
        result = Judge(metric, result, measurement);
        var results = (status.MetricResults ?? []).Where(r => r.Name != metric.Name).Append(result)
            .OrderBy(r => IndexOf(run, r.Name)).ToList();
        return Finish(status with { MetricResults = results }, terminated: false);
    }

    /// <summary>When a metric is next measured: after the initial delay, then every interval, errors retried after 10 s.</summary>
    public static DateTimeOffset NextMeasurement(DateTimeOffset startedAt, MetricSchedule schedule, MetricResult result)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(result);
        var last = result.Measurements is { Count: > 0 } measurements ? measurements[^1] : null;
        if (last is null)
        {
            return startedAt + schedule.InitialDelay;
        }

        var finished = last.FinishedAt ?? last.StartedAt ?? startedAt;
        if (last.Phase == AnalysisPhases.Error)
        {
            return finished + MetricSchedule.ErrorRetry;
        }

        return finished + (schedule.Interval ?? TimeSpan.Zero);
    }

    /// <summary>A metric's phase from its counts and limits; the message names the value and the condition that decided.</summary>
    private static MetricResult Judge(Metric metric, MetricResult result, Measurement measurement)
    {
        MetricSchedule.TryResolve(metric, out var schedule, out _);
        var failureLimit = metric.FailureLimit ?? 0;
        var inconclusiveLimit = metric.InconclusiveLimit ?? 0;
        var errorLimit = metric.ConsecutiveErrorLimit ?? DefaultConsecutiveErrorLimit;
        var describe = $"metric {metric.Name}: {measurement.Value ?? "no value"}{(measurement.Condition is { } c ? $" ({c})" : "")}{(measurement.Message is { } m ? $": {m}" : "")}";
        if (failureLimit >= 0 && result.Failed > failureLimit)
        {
            return result with { Phase = AnalysisPhases.Failed, Message = $"{describe}; {result.Failed} failed measurements, limit {failureLimit}" };
        }

        if (result.Inconclusive > inconclusiveLimit)
        {
            return result with { Phase = AnalysisPhases.Inconclusive, Message = $"{describe}; {result.Inconclusive} inconclusive measurements, limit {inconclusiveLimit}" };
        }

        if (result.ConsecutiveError > errorLimit)
        {
            return result with { Phase = AnalysisPhases.Error, Message = $"{describe}; {result.ConsecutiveError} errors in a row, limit {errorLimit}" };
        }

        if (schedule.Count is { } count && result.Count >= count)
        {
            return result with { Phase = AnalysisPhases.Successful, Message = null };
        }

        return result with { Phase = AnalysisPhases.Running, Message = measurement.Phase == AnalysisPhases.Successful ? null : describe };
    }

    /// <summary>The run's phase: the worst decided metric ends it at once; all metrics successful ends it successfully.</summary>
    private static AnalysisRunStatus Finish(AnalysisRunStatus status, bool terminated)
    {
        var deciding = (status.MetricResults ?? []).Where(r => r.DryRun != true).ToList();
        var worst = deciding.Where(r => r.Phase is AnalysisPhases.Failed or AnalysisPhases.Error or AnalysisPhases.Inconclusive)
            .MaxBy(r => AnalysisPhases.Severity(r.Phase));
        if (worst is not null)
        {
            return status with { Phase = worst.Phase, Message = worst.Message };
        }

        var all = status.MetricResults ?? [];
        if (all.All(r => AnalysisPhases.IsCompleted(r.Phase)))
        {
            return status with { Phase = AnalysisPhases.Successful, Message = null };
        }

        if (terminated)
        {
            return status with { Phase = AnalysisPhases.Successful, Message = "Terminated: no metric failed" };
        }

        return status with { Phase = AnalysisPhases.Running, Message = null };
    }

    private static MetricResult? Result(AnalysisRunStatus status, string name) => status.MetricResults?.FirstOrDefault(r => r.Name == name);

    private static int IndexOf(AnalysisRun run, string? name)
    {
        var metrics = run.Spec?.Metrics ?? [];
        for (var i = 0; i < metrics.Count; i++)
        {
            if (metrics[i].Name == name)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static bool IsDryRun(AnalysisRun run, string name) =>
        run.Spec?.DryRun?.Any(d => d.MetricName == name || d.MetricName == "*") == true;

    private static int Retention(AnalysisRun run, string name) =>
        run.Spec?.MeasurementRetention?.FirstOrDefault(r => r.MetricName == name)?.Limit
        ?? run.Spec?.MeasurementRetention?.FirstOrDefault(r => r.MetricName == "*")?.Limit
        ?? DefaultRetention;
}
