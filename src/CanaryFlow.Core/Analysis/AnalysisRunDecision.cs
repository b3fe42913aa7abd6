using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Analysis;

/// <summary>What to do for one AnalysisRun now: the metrics to measure, the status, and when to look again.</summary>
public sealed record AnalysisRunDecision(IReadOnlyList<Metric> Due, AnalysisRunStatus Status, DateTimeOffset? RequeueAt);
