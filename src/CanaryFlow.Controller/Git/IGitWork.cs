using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;

namespace CanaryFlow.Controller.Git;

/// <summary>Where the actuator hands Git work; the decision lists it after the traffic actions.</summary>
public interface IGitWork
{
    void Submit(Rollout rollout, RolloutAction work);
}
