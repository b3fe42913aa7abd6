namespace CanaryFlow.Kubernetes.Tests.Config;

/// <summary>
/// Test classes that write and run plugin scripts run one after another: a script still open for writing in one
/// test must not be inherited by a process forked for another, or exec fails with ETXTBSY.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ExecPluginCollection
{
    public const string Name = "exec plugins";
}
