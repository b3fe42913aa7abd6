using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;

namespace CanaryFlow.Controller.Analysis;

/// <summary>
/// Runs the analyses a Rollout's steps ask for and reports their outcomes. The AnalysisRun engine implements it;
/// the Rollout controller only starts, stops and observes runs through it.
/// </summary>
public interface IAnalysisRunner
{
    /// <summary>The runs of this Rollout by name, as last observed.</summary>
    IReadOnlyDictionary<string, ObservedAnalysis> Observe(Rollout rollout);

    Task StartAsync(Rollout rollout, StartAnalysis request, CancellationToken cancellationToken);

    Task TerminateAsync(Rollout rollout, string name, CancellationToken cancellationToken);
}
