using CanaryFlow.Core.Hashing;
using CanaryFlow.Kubernetes.Labels;

namespace CanaryFlow.Core.Tests.Hashing;

/// <summary>
/// Golden hashes. The hash names every ReplicaSet the controller owns and labels every pod it runs, so these values
/// must never change for an existing template: a different output after a controller upgrade would make every
/// Rollout in every cluster see a new template and redeploy. A test failing here means the change is breaking; the
/// only way to change these literals is a new <see cref="PodTemplateHash.Version"/> with a migration for ReplicaSets
/// named by the old one. The values were checked against an independent implementation of the canonical form.
/// </summary>
public class PodTemplateHashGoldenTests
{
    [Theory]
    [InlineData(PodTemplates.OneContainer, "x4jc29zlhk")]
    [InlineData(PodTemplates.Full, "nrxpr8hbpl")]
    [InlineData(PodTemplates.FullShuffled, "nrxpr8hbpl")]
    [InlineData(PodTemplates.WithVolumes, "75pp9lqrbv")]
    [InlineData(PodTemplates.IntegerNumbers, "fqcmt9gclm")]
    [InlineData(PodTemplates.DecimalNumbers, "fqcmt9gclm")]
    [InlineData(PodTemplates.OneContainerWithCreationTimestamp, "x4jc29zlhk")]
    [InlineData(PodTemplates.UnknownFutureField, "p7chf64w5r")]
    [InlineData(PodTemplates.InitContainersAndScheduling, "rbfvzhzsnh")]
    [InlineData(PodTemplates.EscapedStrings, "bhpk4t86sm")]
    [InlineData(PodTemplates.NoMetadata, "55g8khwmdr")]
    [InlineData(PodTemplates.EmptyMetadata, "55g8khwmdr")]
    public void Template_hashes_are_pinned(string template, string expectedHash)
    {
        Assert.Equal(expectedHash, PodTemplateHash.Compute(PodTemplates.Parse(template)));
    }

    [Fact]
    public void Version_is_pinned()
    {
        Assert.Equal("v1", PodTemplateHash.Version);
    }

    [Fact]
    public void Hashed_bytes_are_the_version_line_then_the_canonical_json()
    {
        var template = PodTemplates.Parse(PodTemplates.OneContainerWithCreationTimestamp);

        var canonical = PodTemplateCanonicalForm.ToJson(template);
        var hashed = PodTemplateCanonicalForm.ToHashInput(template);

        Assert.Equal(
            """{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"image":"registry.example.com/shop/api:1.4.2","name":"api"}]}}""",
            canonical);
        Assert.Equal("v1\n" + canonical, System.Text.Encoding.UTF8.GetString(hashed));
    }

    [Theory]
    [InlineData(PodTemplates.OneContainer)]
    [InlineData(PodTemplates.Full)]
    [InlineData(PodTemplates.WithVolumes)]
    [InlineData(PodTemplates.EscapedStrings)]
    public void Hashes_are_label_values_and_keep_replica_set_names_valid(string template)
    {
        var hash = PodTemplateHash.Compute(PodTemplates.Parse(template));

        Assert.Equal(PodTemplateHash.Length, hash.Length);
        Assert.All(hash, character => Assert.Contains(character, "bcdfghjklmnpqrstvwxz2456789"));
        Assert.Empty(LabelFormat.ValueProblems(hash));
        Assert.Empty(LabelFormat.SubdomainProblems("checkout-api-" + hash));
    }
}
