namespace CanaryFlow.Controller.Tests.Packaging;

/// <summary>The deploy/ tests share one rendering and one LocalCluster.</summary>
[CollectionDefinition(Name)]
public sealed class DeployCollection : ICollectionFixture<DeployFixture>
{
    public const string Name = "Deploy";
}
