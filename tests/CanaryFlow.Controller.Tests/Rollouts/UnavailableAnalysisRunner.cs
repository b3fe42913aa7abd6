using CanaryFlow.Controller.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;

namespace CanaryFlow.Controller.Tests.Rollouts;

/// <summary>
/// A test double of the analysis engine for actuator tests: every run it is asked to start reports Error.
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
