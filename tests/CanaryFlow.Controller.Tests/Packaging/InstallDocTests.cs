namespace CanaryFlow.Controller.Tests.Packaging;

/// <summary>docs/install.md justifies exactly the permissions deploy/ grants: no undocumented rule, no stale row.</summary>
[Collection(DeployCollection.Name)]
public sealed class InstallDocTests(DeployFixture deploy)
{
    [Fact]
    public void Cluster_role_table_matches_the_rendered_cluster_role()
    {
        var granted = deploy.Single("ClusterRole")["rules"]!.AsArray().Select(r => ClusterRoleRule.From(r!.AsObject()));

        Assert.Equal(granted, InstallDocRules.Under("### ClusterRole `canaryflow-controller`"));
    }

    [Fact]
    public void Leader_election_table_matches_the_rendered_role()
    {
        var granted = deploy.Single("Role")["rules"]!.AsArray().Select(r => ClusterRoleRule.From(r!.AsObject()));

        Assert.Equal(granted, InstallDocRules.Under("### Role `canaryflow-leader-election`"));
    }
}
