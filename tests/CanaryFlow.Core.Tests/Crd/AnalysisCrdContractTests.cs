using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Durations;

namespace CanaryFlow.Core.Tests.Crd;

/// <summary>
/// The analysis CRDs against the code that reads and writes them: phase enums are the phases the decider writes,
/// the copied schemas (ClusterAnalysisTemplate's spec, AnalysisRun's metrics) are the AnalysisTemplate's, and the
/// duration and count patterns accept exactly what the controller parses.
/// </summary>
public sealed class AnalysisCrdContractTests
{
    private static readonly string[] _allPhases = typeof(AnalysisPhases).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Theory]
    [InlineData("status.phase")]
    [InlineData("status.metricResults[*].phase")]
    public void Run_and_metric_phase_enums_are_every_phase_the_decider_writes(string path)
    {
        // A phase missing here would make the API server refuse the controller's status update.
        Assert.Equal(_allPhases.Order(StringComparer.Ordinal), EnumValues(ShippedCrd.AnalysisRun, path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Measurement_phase_enum_is_the_completed_phases()
    {
        // Only finished measurements are recorded; Pending or Running there would be a controller bug.
        var completed = _allPhases.Where(AnalysisPhases.IsCompleted).Order(StringComparer.Ordinal);

        Assert.Equal(completed, EnumValues(ShippedCrd.AnalysisRun, "status.metricResults[*].measurements[*].phase").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cluster_template_spec_is_the_template_spec()
    {
        var template = ShippedCrd.AnalysisTemplate.NodeAt("spec");
        var cluster = ShippedCrd.ClusterAnalysisTemplate.NodeAt("spec");

        Assert.True(JsonNode.DeepEquals(template, cluster), "crds/clusteranalysistemplate.yaml's spec differs from crds/analysistemplate.yaml's");
    }

    [Theory]
    [InlineData("args[*]")]
    [InlineData("metrics[*]")]
    [InlineData("dryRun[*]")]
    [InlineData("measurementRetention[*]")]
    public void Run_spec_copies_the_template_schema(string path)
    {
        var template = ShippedCrd.AnalysisTemplate.NodeAt("spec." + path);
        var run = ShippedCrd.AnalysisRun.NodeAt("spec." + path);

        Assert.True(JsonNode.DeepEquals(template, run), $"spec.{path} of crds/analysisrun.yaml differs from crds/analysistemplate.yaml's");
    }

    [Theory]
    [InlineData("30s")]
    [InlineData("5m")]
    [InlineData("1h30m")]
    [InlineData("2h45m30s")]
    [InlineData("500ms")]
    [InlineData("1.5h")]
    [InlineData(".5s")]
    [InlineData("5.s")]
    [InlineData("10us")]
    [InlineData("10µs")]
    [InlineData("100ns")]
    [InlineData("+5m")]
    [InlineData("30")]
    [InlineData("0")]
    [InlineData("0s")]
    [InlineData("-5m")]
    [InlineData("-30")]
    [InlineData("1d")]
    [InlineData("1.5")]
    [InlineData("5 m")]
    [InlineData("m")]
    [InlineData(".s")]
    [InlineData("5m ")]
    [InlineData("{{args.interval}}")]
    public void Duration_pattern_accepts_what_the_controller_parses(string text)
    {
        var parses = KubernetesDuration.TryParse(text, out _, out _);

        foreach (var path in new[] { "spec.metrics[*].interval", "spec.metrics[*].initialDelay", "spec.metrics[*].provider.prometheus.timeout" })
        {
            Assert.True(parses == PatternMatches(path, text), $"{path}: the controller {(parses ? "parses" : "refuses")} \"{text}\" but the pattern does not agree");
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("5")]
    [InlineData("10")]
    [InlineData("007")]
    [InlineData("0")]
    [InlineData("00")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("{{args.count}}")]
    public void Count_pattern_accepts_the_strings_the_schedule_takes(string text)
    {
        var metric = new Metric { Name = "m", Interval = "1m", Count = text };

        var resolves = MetricSchedule.TryResolve(metric, out _, out _);

        Assert.Equal(resolves, PatternMatches("spec.metrics[*].count", text));
    }

    [Fact]
    public void Count_minimum_is_the_schedules_minimum()
    {
        var minimum = (int)(long)ShippedCrd.AnalysisTemplate.NodeAt("spec.metrics[*].count")["minimum"]!;

        Assert.True(MetricSchedule.TryResolve(new Metric { Name = "m", Interval = "1m", Count = minimum }, out _, out _));
        Assert.False(MetricSchedule.TryResolve(new Metric { Name = "m", Interval = "1m", Count = minimum - 1 }, out _, out _));
    }

    [Theory]
    [InlineData("spec.metrics[*].failureLimit", "FailureLimit")]
    [InlineData("spec.metrics[*].inconclusiveLimit", "InconclusiveLimit")]
    [InlineData("spec.metrics[*].consecutiveErrorLimit", "ConsecutiveErrorLimit")]
    public void Limit_minimums_are_the_validators(string path, string property)
    {
        var minimum = (int)(long)ShippedCrd.AnalysisTemplate.NodeAt(path)["minimum"]!;

        Assert.Null(AnalysisRunValidator.Validate(RunWithLimit(property, minimum)));
        Assert.NotNull(AnalysisRunValidator.Validate(RunWithLimit(property, minimum - 1)));
    }

    private static AnalysisRun RunWithLimit(string property, int value)
    {
        var metric = new Metric { Name = "m", Provider = new MetricProvider { Web = new WebMetric { Url = "http://example.test/" } } };
        metric = property switch
        {
            "FailureLimit" => metric with { FailureLimit = value },
            "InconclusiveLimit" => metric with { InconclusiveLimit = value },
            _ => metric with { ConsecutiveErrorLimit = value },
        };
        return new AnalysisRun { Spec = new AnalysisRunSpec { Metrics = [metric] } };
    }

    // The API server compiles patterns as Go (RE2) regexes; these patterns use nothing whose meaning differs in .NET
    // (no \d, \w or \s, and no text here ends in a newline, where $ would differ).
    private static bool PatternMatches(string path, string text) =>
        Regex.IsMatch(text, (string)ShippedCrd.AnalysisTemplate.NodeAt(path)["pattern"]!, RegexOptions.CultureInvariant);

    private static string[] EnumValues(ShippedCrd crd, string path) =>
        [.. crd.NodeAt(path)["enum"]!.AsArray().Select(v => (string)v!)];
}
