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

/// <summary>
/// Used when no analysis engine is configured: an analysis step cannot pass, so its run reports an error
/// (which aborts, or pauses with failurePolicy: pause) instead of silently passing.
/// </summary>
public sealed class UnavailableAnalysisRunner : IAnalysisRunner
{
    private readonly Dictionary<string, HashSet<string>> _requested = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IReadOnlyDictionary<string, ObservedAnalysis> Observe(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        lock (_lock)
        {
            return _requested.TryGetValue(rollout.Metadata.Uid ?? "", out var names)
                ? names.ToDictionary(n => n, n => new ObservedAnalysis(n, AnalysisPhase.Error, "no analysis engine is running in this controller"), StringComparer.Ordinal)
                : new Dictionary<string, ObservedAnalysis>();
        }
    }

    public Task StartAsync(Rollout rollout, StartAnalysis request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            var key = rollout.Metadata.Uid ?? "";
            if (!_requested.TryGetValue(key, out var names))
            {
                names = new HashSet<string>(StringComparer.Ordinal);
                _requested[key] = names;
            }

            names.Add(request.Name);
        }

        return Task.CompletedTask;
    }

    public Task TerminateAsync(Rollout rollout, string name, CancellationToken cancellationToken) => Task.CompletedTask;
}
