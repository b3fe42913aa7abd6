using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// rbac.authorization.k8s.io/v1 Roles and ClusterRoles: stored as written (LocalCluster authorizes nothing with them);
/// their names are path segments, so the conventional <c>system:controller:x</c> names are accepted.
/// </summary>
public sealed class RbacRoleStrategy : ResourceStrategy
{
    public static RbacRoleStrategy Instance { get; } = new();

    public override IReadOnlyList<string> ValidateName(string name) => NameRules.PathSegmentName(name);
}
