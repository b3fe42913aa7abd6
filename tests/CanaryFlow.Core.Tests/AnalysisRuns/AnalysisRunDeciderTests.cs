using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Tests.AnalysisRuns;

public sealed class AnalysisRunDeciderTests
{
    private static readonly DateTimeOffset _start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static Metric Metric(string name = "errors", string? interval = "10s", int? count = 3, string? initialDelay = null, int? failureLimit = null, int? inconclusiveLimit = null, int? errorLimit = null) => new()
    {
        Name = name,
        Interval = interval,
        Count = count is { } c ? IntOrString.FromInt32(c) : (IntOrString?)null,
        InitialDelay = initialDelay,
        FailureLimit = failureLimit,
        InconclusiveLimit = inconclusiveLimit,
        ConsecutiveErrorLimit = errorLimit,
        SuccessCondition = "result[0] < 0.05",
        Provider = new MetricProvider { Prometheus = new PrometheusMetric { Address = "http://prometheus:9090", Query = "q" } },
    };

    private static AnalysisRun Run(params Metric[] metrics) => new() { Spec = new AnalysisRunSpec { Metrics = metrics } };

    private static Measurement Measured(string phase, DateTimeOffset at) => new() { Phase = phase, StartedAt = at, FinishedAt = at, Value = "[0.1]", Condition = "successCondition: result[0] < 0.05" };

    /// <summary>Runs the decider as the controller would: measure whatever is due with <paramref name="outcome"/>, then jump to the requeue time.</summary>
    private static (AnalysisRun Run, List<DateTimeOffset> MeasuredAt) Drive(AnalysisRun run, Func<int, string> outcome, int maxSteps = 50)
    {
        var now = _start;
        var times = new List<DateTimeOffset>();
        for (var i = 0; i < maxSteps; i++)
        {
            var decision = AnalysisRunDecider.Decide(run, now);
            var status = decision.Status;
            foreach (var metric in decision.Due)
            {
                status = AnalysisRunDecider.Record(run, status, metric, Measured(outcome(times.Count), now));
                times.Add(now);
            }

            run = run with { Status = status };
            if (AnalysisPhases.IsCompleted(status.Phase))
            {
                return (run, times);
            }

            var next = AnalysisRunDecider.Decide(run, now);
            Assert.Empty(next.Due);
            now = next.RequeueAt ?? throw new InvalidOperationException("a running analysis must ask to be woken");
        }

        throw new InvalidOperationException("the run never completed");
    }

    [Fact]
    public void Measurements_follow_the_initial_delay_and_the_interval_exactly()
    {
        var (run, times) = Drive(Run(Metric(initialDelay: "30s")), _ => AnalysisPhases.Successful);

        Assert.Equal(AnalysisPhases.Successful, run.Status!.Phase);
        Assert.Equal([_start.AddSeconds(30), _start.AddSeconds(40), _start.AddSeconds(50)], times);
        Assert.Equal(3, run.Status.MetricResults![0].Count);
    }

    [Fact]
    public void An_errored_measurement_is_retried_after_ten_seconds_and_does_not_count()
    {
        var (run, times) = Drive(Run(Metric(interval: "1m", count: 2)), n => n == 1 ? AnalysisPhases.Error : AnalysisPhases.Successful);

        Assert.Equal(AnalysisPhases.Successful, run.Status!.Phase);
        Assert.Equal([_start, _start.AddMinutes(1), _start.AddMinutes(1).AddSeconds(10)], times);
        var result = run.Status.MetricResults![0];
        Assert.Equal(2, result.Count);
        Assert.Equal(1, result.Error);
        Assert.Equal(0, result.ConsecutiveError);
    }

    [Theory]
    [InlineData(AnalysisPhases.Failed, null, AnalysisPhases.Failed, 1)]
    [InlineData(AnalysisPhases.Failed, 1, AnalysisPhases.Failed, 2)]
    [InlineData(AnalysisPhases.Failed, -1, AnalysisPhases.Successful, 5)]
    [InlineData(AnalysisPhases.Inconclusive, null, AnalysisPhases.Inconclusive, 1)]
    [InlineData(AnalysisPhases.Error, null, AnalysisPhases.Error, 5)]
    public void Limits_decide_when_a_metric_fails(string every, int? failureLimit, string expected, int measurements)
    {
        var (run, times) = Drive(Run(Metric(count: 5, failureLimit: failureLimit)), _ => every);

        Assert.Equal(expected, run.Status!.Phase);
        Assert.Equal(measurements, times.Count);
    }

    [Fact]
    public void Errors_are_never_success_even_when_the_count_is_one()
    {
        var (run, _) = Drive(Run(Metric(interval: null, count: null, errorLimit: 1)), _ => AnalysisPhases.Error);

        Assert.Equal(AnalysisPhases.Error, run.Status!.Phase);
        Assert.Contains("2 errors in a row, limit 1", run.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_failure_message_names_the_metric_value_and_condition()
    {
        var (run, _) = Drive(Run(Metric()), _ => AnalysisPhases.Failed);

        Assert.Equal("metric errors: [0.1] (successCondition: result[0] < 0.05); 1 failed measurements, limit 0", run.Status!.Message);
    }

    [Fact]
    public void The_run_takes_its_worst_metric_and_ignores_dry_run_metrics()
    {
        var run = Run(Metric("a"), Metric("b")) with { Spec = new AnalysisRunSpec { Metrics = [Metric("a"), Metric("b")], DryRun = [new MetricSelector { MetricName = "b" }] } };
        var status = AnalysisRunDecider.Decide(run, _start).Status;
        status = AnalysisRunDecider.Record(run, status, Metric("b"), Measured(AnalysisPhases.Failed, _start));
        Assert.Equal(AnalysisPhases.Running, status.Phase);
        Assert.True(status.MetricResults!.Single(r => r.Name == "b").DryRun);

        status = AnalysisRunDecider.Record(run, status, Metric("a"), Measured(AnalysisPhases.Inconclusive, _start));
        Assert.Equal(AnalysisPhases.Inconclusive, status.Phase);
    }

    [Fact]
    public void Retention_keeps_the_latest_measurements_and_the_counts_go_on()
    {
        var run = Run(Metric(count: 12)) with { Spec = new AnalysisRunSpec { Metrics = [Metric(count: 12)], MeasurementRetention = [new MeasurementRetention { MetricName = "*", Limit = 3 }] } };
        var (done, times) = Drive(run, _ => AnalysisPhases.Successful);

        var result = done.Status!.MetricResults![0];
        Assert.Equal(3, result.Measurements!.Count);
        Assert.Equal(12, result.Count);
        Assert.Equal(times[^1], result.Measurements[^1].FinishedAt);
    }

    [Fact]
    public void A_terminated_run_stops_measuring_and_keeps_the_outcome_so_far()
    {
        var run = Run(Metric(count: null));
        var status = AnalysisRunDecider.Decide(run, _start).Status;
        status = AnalysisRunDecider.Record(run, status, Metric(count: null), Measured(AnalysisPhases.Successful, _start));
        var terminated = run with { Spec = run.Spec! with { Terminate = true }, Status = status };

        var decision = AnalysisRunDecider.Decide(terminated, _start.AddSeconds(10));

        Assert.Empty(decision.Due);
        Assert.Null(decision.RequeueAt);
        Assert.Equal(AnalysisPhases.Successful, decision.Status.Phase);
    }

    [Theory]
    [InlineData("abc", null, "interval")]
    [InlineData(null, 3, "needs an interval")]
    public void An_impossible_schedule_ends_the_run_in_error(string? interval, int? count, string expected)
    {
        var decision = AnalysisRunDecider.Decide(Run(Metric(interval: interval, count: count)), _start);

        Assert.Equal(AnalysisPhases.Error, decision.Status.Phase);
        Assert.Contains(expected, decision.Status.Message, StringComparison.Ordinal);
    }
}
