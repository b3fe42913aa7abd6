namespace CanaryFlow.LocalCluster.Registry;

/// <summary>Storage keys of the built-in resources the server and its simulated controllers address directly.</summary>
public static class BuiltInStorage
{
    public const string Namespaces = "namespaces";
    public const string ConfigMaps = "configmaps";
    public const string Secrets = "secrets";
    public const string Services = "services";
    public const string Pods = "pods";
    public const string Events = "events";
    public const string ReplicaSets = "apps/replicasets";
    public const string Deployments = "apps/deployments";
    public const string Ingresses = "networking.k8s.io/ingresses";
    public const string Leases = "coordination.k8s.io/leases";
    public const string CustomResourceDefinitions = "apiextensions.k8s.io/customresourcedefinitions";

    /// <summary>The storage key of a resource: the plural for the core group, <c>group/plural</c> otherwise.</summary>
    public static string Key(string group, string resource) => group.Length == 0 ? resource : group + "/" + resource;
}
