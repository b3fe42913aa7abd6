namespace CanaryFlow.Core.Replicas;

/// <summary>
/// The replica counts to set on the canary and stable ReplicaSets in this reconcile, and the canary's share of the
/// available pods right now (percent, rounded half up; 0 when nothing is available) for the Rollout's status. Without
/// traffic routing that share is the canary's share of traffic; with routing the router's weight is.
/// </summary>
public readonly record struct ReplicaPlan(int CanaryReplicas, int StableReplicas, int ActualCanaryWeight);
