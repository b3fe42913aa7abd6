namespace CanaryFlow.Controller.Tests.Packaging;

/// <summary>
/// <c>kubectl apply -k deploy/</c> against a fresh LocalCluster: every object is created, a second apply changes
/// nothing, and <c>kubectl get</c> finds the installation.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class DeployInstallTests(DeployFixture deploy)
{
    [Fact]
    public async Task Apply_creates_every_object_and_a_second_apply_is_unchanged()
    {
        var first = (await deploy.Kubectl.RunAsync("apply", "-k", DeployFixture.DeployDirectory)).ShouldSucceed();
        var second = (await deploy.Kubectl.RunAsync("apply", "-k", DeployFixture.DeployDirectory)).ShouldSucceed();

        var created = first.Stdout.Trim().Split('\n');
        Assert.Equal(deploy.Objects.Count, created.Length);
        Assert.All(created, line => Assert.EndsWith(" created", line, StringComparison.Ordinal));
        Assert.Equal(created.Select(line => line.Replace(" created", " unchanged", StringComparison.Ordinal)), second.Stdout.Trim().Split('\n'));

        var installed = (await deploy.Kubectl.RunAsync("get", "deployment,service,serviceaccount,poddisruptionbudget,role,rolebinding",
            "-n", "canaryflow-system", "-l", "app.kubernetes.io/part-of=canaryflow", "-o", "name")).ShouldSucceed();
        Assert.Equal(
            [
                "deployment.apps/canaryflow-controller",
                "service/canaryflow-controller-metrics",
                "serviceaccount/canaryflow-controller",
                "poddisruptionbudget.policy/canaryflow-controller",
                "role.rbac.authorization.k8s.io/canaryflow-leader-election",
                "rolebinding.rbac.authorization.k8s.io/canaryflow-leader-election",
            ],
            installed.Stdout.Trim().Split('\n'));
        var clusterWide = (await deploy.Kubectl.RunAsync("get", "clusterrole,clusterrolebinding,crd", "-l", "app.kubernetes.io/part-of=canaryflow", "-o", "name")).ShouldSucceed();
        Assert.Equal(6, clusterWide.Stdout.Trim().Split('\n').Length);
        Assert.Equal("2", (await deploy.Kubectl.RunAsync("get", "deployment", "canaryflow-controller", "-n", "canaryflow-system", "-o", "jsonpath={.spec.replicas}")).ShouldSucceed().Stdout);
    }
}
